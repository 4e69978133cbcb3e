/* log: stderr logging, one write per line so lines from several workers do not interleave. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

static void log_emit(const char *level, const char *fmt, va_list ap)
{
	struct buf b;
	buf_init(&b);
	buf_printf(&b, "trackpro[%ld]: %s", (long)getpid(), level);
	buf_vprintf(&b, fmt, ap);
	for (size_t i = 0; i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20 || b.data[i] == 0x7f)
			b.data[i] = '?';
	buf_putc(&b, '\n');
	ssize_t w = write(STDERR_FILENO, b.data, b.len);
	(void)w;
	buf_free(&b);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_emit("error: ", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_emit("", fmt, ap);
	va_end(ap);
}

void log_request(const char *method, const char *path, int status, long long micros)
{
	log_info("%s %s %d %lldus", method ? method : "-", path ? path : "-", status, micros);
}
