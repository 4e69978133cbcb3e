/* civil: calendar dates as day numbers (proleptic Gregorian), weeks, months and ISO weeks. */
#ifndef TRACKPRO_CIVIL_H
#define TRACKPRO_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

/* A "day number" is an int64_t count of days since 1970-01-01 (day 0; 1969-12-31 is -1) in the
 * proleptic Gregorian calendar: the unit of every date in the program (DESIGN.md section 4 stores
 * them as "YYYY-MM-DD" text; this module converts). Differences of day numbers are days.
 * Every function here takes day numbers of years -1,000,000 to 1,000,000 (|day| below
 * 365,000,000); days the program meets come from civil_parse or civil_today and lie in
 * CIVIL_YEAR_MIN..CIVIL_YEAR_MAX. Pure functions: no state, no allocation, thread-safe
 * (except civil_today, see timezone_localtime). */

/* Years civil_parse and civil_parse_iso_week accept (dates from forms and the database). */
#define CIVIL_YEAR_MIN 1900
#define CIVIL_YEAR_MAX 2999
/* Their first and last days: 1900-01-01 and 2999-12-31. */
#define CIVIL_DAY_MIN INT64_C(-25567)
#define CIVIL_DAY_MAX INT64_C(376199)

/* Buffer sizes of the text forms, NUL included: "YYYY-MM-DD" and "YYYY-Www". */
#define CIVIL_DATE_SIZE 11
#define CIVIL_ISO_WEEK_SIZE 9

/* Day number of year y, month m (1-12), day d (1 to civil_days_in_month(y, m)); Howard
 * Hinnant's days_from_civil ("chrono-Compatible Low-Level Date Algorithms"). Not validated:
 * a d beyond the month counts on into the next (2026-01-32 is 2026-02-01). */
int64_t civil_from_ymd(int y, int m, int d);

/* Year, month (1-12) and day of month of a day number into *y, *m, *d (Hinnant's
 * civil_from_days). Each pointer must be valid. */
void civil_to_ymd(int64_t day, int *y, int *m, int *d);

/* True for a Gregorian leap year: divisible by 4, except centuries not divisible by 400
 * (2000 and 2024 are, 1900 and 2100 are not). */
bool civil_is_leap(int y);

/* Days in month m (1-12) of year y: 28 to 31; 0 when m is out of range. */
int civil_days_in_month(int y, int m);

/* Parses s as exactly "YYYY-MM-DD" (10 bytes then NUL, ASCII digits, '-' at 4 and 7) naming a
 * real date of a year CIVIL_YEAR_MIN..CIVIL_YEAR_MAX into *day. Refused: "2026-02-29",
 * "2026-13-01", "2026-1-01", "2026-01-01x", "", signs, spaces. Returns 0, or -1 with *day
 * unchanged. */
int civil_parse(const char *s, int64_t *day);

/* Writes day as "YYYY-MM-DD" and a NUL into out. Returns 0, or -1 for a year outside
 * 0000-9999 (out is then ""). */
int civil_format(int64_t day, char out[CIVIL_DATE_SIZE]);

/* Day of the week of day: 0 = Monday ... 6 = Sunday, so that bit civil_weekday(day) of the
 * database's weekday masks (bit 0 = Monday, sql/0001-init.sql) is the day's bit. 1970-01-01
 * was a Thursday (3). */
int civil_weekday(int64_t day);

/* First day of the week containing day, for weeks starting on week_start in tm_wday
 * numbering: 0 = Sunday, 1 = Monday (users.week_start holds 0 or 1) ... 6 = Saturday; other
 * values are taken modulo 7. The result is day or up to 6 days before it. */
int64_t civil_week_start(int64_t day, int week_start);

/* First and last day of the calendar month containing day. */
int64_t civil_month_start(int64_t day);
int64_t civil_month_end(int64_t day);

/* day moved by n calendar months (n may be negative), the day of month clamped to the last
 * day of the target month: 2026-01-31 + 1 = 2026-02-28, 2024-01-31 + 1 = 2024-02-29,
 * 2024-02-29 + 12 = 2025-02-28, 2026-03-31 - 1 = 2026-02-28. Not associative: add 2 months
 * at once rather than 1 twice when the day of month matters. */
int64_t civil_add_months(int64_t day, int n);

/* ISO 8601 week of day: *iso_year (which differs from the calendar year in the first and last
 * days of some years: 2025-12-29 is in 2026-W01) and *week (1-53). Weeks start on Monday;
 * week 1 is the week holding the year's first Thursday. */
void civil_iso_week(int64_t day, int *iso_year, int *week);

/* Number of ISO weeks of ISO year y: 53 when the year starts on a Thursday, or is a leap year
 * starting on a Wednesday (2020, 2026), else 52 (2021). */
int civil_iso_weeks_in_year(int y);

/* Parses s as exactly "YYYY-Www" (8 bytes then NUL, capital W) with YYYY in
 * CIVIL_YEAR_MIN..CIVIL_YEAR_MAX and ww from 01 to civil_iso_weeks_in_year(YYYY), writing the
 * Monday that starts the week into *monday ("2026-W01" gives 2025-12-29). Returns 0, or -1
 * with *monday unchanged ("2021-W53", "2026-W00", "2026-W1", "2026W01", "2026-w01"). */
int civil_parse_iso_week(const char *s, int64_t *monday);

/* Writes the ISO week of day as "YYYY-Www" and a NUL into out (2025-12-29 gives "2026-W01").
 * Returns 0, or -1 for an ISO year outside 0000-9999 (out is then ""). */
int civil_format_iso_week(int64_t day, char out[CIVIL_ISO_WEEK_SIZE]);

/* The local calendar day, in zone time_zone (an IANA name, see timezone_localtime), of the
 * instant utc_seconds (seconds since the epoch) into *day: what "today" is for a user there
 * (DESIGN.md section 5, Time zones). Through timezone_local_date, so it follows DST changes,
 * including Lord Howe's 30-minute one. Returns 0, or -1 for a refused or unknown zone or an
 * instant out of range (*day unchanged). Not thread-safe (it sets TZ; see timezone.h). */
int civil_today(const char *time_zone, int64_t utc_seconds, int64_t *day);

#endif
