/* civil: day numbers <-> Gregorian dates (Hinnant's algorithms), weeks, months, ISO weeks. */
#include "civil.h"

#include <stddef.h>

#include "timezone.h"

/* a divided by b (b > 0) rounded toward minus infinity, and the matching remainder 0..b-1. */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b < 0) ? q - 1 : q;
}

static int64_t floor_mod(int64_t a, int64_t b)
{
	int64_t r = a % b;
	return r < 0 ? r + b : r;
}

int64_t civil_from_ymd(int y, int m, int d)
{
	/* Hinnant: years start on March 1 so that the leap day ends the year. */
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = floor_div(yy, 400);
	int64_t yoe = yy - era * 400;                                    /* 0..399 */
	int64_t doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* 0..365 */
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* 0..146096 */
	return era * 146097 + doe - 719468;
}

void civil_to_ymd(int64_t day, int *y, int *m, int *d)
{
	int64_t z = day + 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;                                         /* 0..146096 */
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;    /* 0..399 */
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  /* 0..365 */
	int64_t mp = (5 * doy + 2) / 153;                                       /* 0..11 */
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mm;
	*y = (int)(yoe + era * 400 + (mm <= 2));
}

bool civil_is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int civil_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	return (m == 2 && civil_is_leap(y)) ? 29 : days[m - 1];
}

/* The value of the n ASCII digits at s, or -1 when one of them is not a digit (a NUL
 * included, so this never reads past the end of a shorter string). */
static int read_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* civil_parse with the accepted years as arguments (civil_today takes any 4-digit year). */
static int parse_date(const char *s, int year_min, int year_max, int64_t *day)
{
	int y = read_digits(s, 4);
	if (y < 0 || s[4] != '-')
		return -1;
	int m = read_digits(s + 5, 2);
	if (m < 0 || s[7] != '-')
		return -1;
	int d = read_digits(s + 8, 2);
	if (d < 0 || s[10] != '\0')
		return -1;
	if (y < year_min || y > year_max || d < 1 || d > civil_days_in_month(y, m))
		return -1;
	*day = civil_from_ymd(y, m, d);
	return 0;
}

int civil_parse(const char *s, int64_t *day)
{
	return parse_date(s, CIVIL_YEAR_MIN, CIVIL_YEAR_MAX, day);
}

int civil_format(int64_t day, char out[CIVIL_DATE_SIZE])
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	out[0] = '\0';
	if (y < 0 || y > 9999)
		return -1;
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
	return 0;
}

int civil_weekday(int64_t day)
{
	return (int)floor_mod(day + 3, 7); /* day 0, 1970-01-01, was a Thursday */
}

int64_t civil_week_start(int64_t day, int week_start)
{
	int first = (int)floor_mod((int64_t)week_start + 6, 7); /* tm_wday -> 0 = Monday */
	return day - floor_mod(civil_weekday(day) - first, 7);
}

int64_t civil_month_start(int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return day - (d - 1);
}

int64_t civil_month_end(int64_t day)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	return day + (civil_days_in_month(y, m) - d);
}

int64_t civil_add_months(int64_t day, int n)
{
	int y, m, d;
	civil_to_ymd(day, &y, &m, &d);
	int64_t months = (int64_t)y * 12 + (m - 1) + n;
	int ny = (int)floor_div(months, 12);
	int nm = (int)floor_mod(months, 12) + 1;
	int last = civil_days_in_month(ny, nm);
	return civil_from_ymd(ny, nm, d < last ? d : last);
}

/* The Monday that starts ISO week 1 of ISO year y: the week holding January 4. */
static int64_t iso_year_start(int y)
{
	int64_t jan4 = civil_from_ymd(y, 1, 4);
	return jan4 - civil_weekday(jan4);
}

void civil_iso_week(int64_t day, int *iso_year, int *week)
{
	/* The Thursday of day's week decides the ISO year (ISO 8601 section 3.2.2). */
	int64_t thursday = day - civil_weekday(day) + 3;
	int y, m, d;
	civil_to_ymd(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - civil_from_ymd(y, 1, 1)) / 7) + 1;
}

int civil_iso_weeks_in_year(int y)
{
	return (int)((iso_year_start(y + 1) - iso_year_start(y)) / 7);
}

int civil_parse_iso_week(const char *s, int64_t *monday)
{
	int y = read_digits(s, 4);
	if (y < 0 || s[4] != '-' || s[5] != 'W')
		return -1;
	int w = read_digits(s + 6, 2);
	if (w < 0 || s[8] != '\0')
		return -1;
	if (y < CIVIL_YEAR_MIN || y > CIVIL_YEAR_MAX || w < 1 || w > civil_iso_weeks_in_year(y))
		return -1;
	*monday = iso_year_start(y) + (int64_t)(w - 1) * 7;
	return 0;
}

int civil_format_iso_week(int64_t day, char out[CIVIL_ISO_WEEK_SIZE])
{
	int y, w;
	civil_iso_week(day, &y, &w);
	out[0] = '\0';
	if (y < 0 || y > 9999)
		return -1;
	put_digits(out, y, 4);
	out[4] = '-';
	out[5] = 'W';
	put_digits(out + 6, w, 2);
	out[8] = '\0';
	return 0;
}

int civil_today(const char *time_zone, int64_t utc_seconds, int64_t *day)
{
	char date[CIVIL_DATE_SIZE];
	if (timezone_local_date(time_zone, utc_seconds, date) < 0)
		return -1;
	return parse_date(date, 0, 9999, day);
}
