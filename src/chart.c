/* chart: SVG coordinates for server-drawn charts. */
#include "chart.h"

#include "buf.h"

const char *chart_line_points(struct arena *a, const double *values, size_t n, double width, double height)
{
	if (n == 0)
		return "";
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		double v = values[i];
		if (!(v >= 0))
			v = 0; /* also NaN */
		if (v > 1)
			v = 1;
		double x = n > 1 ? width * (double)i / (double)(n - 1) : width / 2;
		buf_printf(&b, "%s%.1f,%.1f", i ? " " : "", x, height - v * height);
	}
	const char *s = arena_strndup(a, buf_cstr(&b), b.len);
	buf_free(&b);
	return s;
}
