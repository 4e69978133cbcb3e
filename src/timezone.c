/* timezone: IANA zone names from tzdata.zi, and local time in a zone through TZ + tzset. */
#include "timezone.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xmalloc.h"

/* True for "UTC" or a name that can only mean a file below TIMEZONE_DIR: 1 to
 * TIMEZONE_NAME_MAX bytes of [A-Za-z0-9/_+-], a letter first, no "//", no trailing '/'. No
 * '.' at all, so no ".." either, and no leading '/' or ':' that TZ would read as a path. */
static bool name_well_formed(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > TIMEZONE_NAME_MAX || s[n - 1] == '/')
		return false;
	if (!((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			  c == '/' || c == '_' || c == '+' || c == '-';
		if (!ok || (c == '/' && s[i + 1] == '/'))
			return false;
	}
	return true;
}

/* Appends a copy of name to l, whose array has room for *cap names. */
static void list_add(struct timezone_list *l, size_t *cap, const char *name, size_t len)
{
	if (l->count == *cap) {
		*cap = *cap ? *cap * 2 : 512;
		l->names = xrealloc(l->names, *cap * sizeof *l->names);
	}
	l->names[l->count++] = xstrndup(name, len);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts l and drops repeated names. */
static void list_sort_unique(struct timezone_list *l)
{
	if (l->count == 0)
		return;
	qsort(l->names, l->count, sizeof *l->names, compare_names);
	size_t kept = 1;
	for (size_t i = 1; i < l->count; i++) {
		if (strcmp(l->names[i], l->names[kept - 1]) == 0)
			free(l->names[i]);
		else
			l->names[kept++] = l->names[i];
	}
	l->count = kept;
}

/* Adds the zone named on one tzdata.zi line when it is a "Z" line that passes the rule. */
static void list_add_line(struct timezone_list *l, size_t *cap, const char *line)
{
	if (line[0] != 'Z' || (line[1] != ' ' && line[1] != '\t'))
		return;
	const char *name = line + 2;
	name += strspn(name, " \t");
	size_t len = strcspn(name, " \t\r\n");
	char copy[TIMEZONE_NAME_MAX + 1];
	if (len == 0 || len > TIMEZONE_NAME_MAX)
		return;
	memcpy(copy, name, len);
	copy[len] = '\0';
	if (!strchr(copy, '/') || strncmp(copy, "Etc/", 4) == 0 || !name_well_formed(copy))
		return;
	list_add(l, cap, copy, len);
}

int timezone_list_load(struct timezone_list *out, const char *tzdata_zi_path, struct buf *err)
{
	out->names = NULL;
	out->count = 0;
	size_t cap = 0;
	FILE *f = fopen(tzdata_zi_path, "re");
	if (!f) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR) {
			list_add(out, &cap, TIMEZONE_DEFAULT, strlen(TIMEZONE_DEFAULT));
			buf_printf(err, "%s: %s; only %s can be chosen as time zone (install tzdata)",
				   tzdata_zi_path, strerror(e), TIMEZONE_DEFAULT);
			return 1;
		}
		buf_printf(err, "%s: %s", tzdata_zi_path, strerror(e));
		return -1;
	}
	char *line = NULL;
	size_t line_cap = 0;
	int rc = -1;
	while (getline(&line, &line_cap, f) >= 0)
		list_add_line(out, &cap, line);
	if (ferror(f)) {
		buf_printf(err, "%s: read error: %s", tzdata_zi_path, strerror(errno));
		goto out;
	}
	if (out->count == 0) {
		buf_printf(err, "%s: no time zone found (is it a tzdata.zi file?)", tzdata_zi_path);
		goto out;
	}
	list_add(out, &cap, TIMEZONE_DEFAULT, strlen(TIMEZONE_DEFAULT));
	list_sort_unique(out);
	rc = 0;
out:
	free(line);
	fclose(f);
	if (rc < 0)
		timezone_list_free(out);
	return rc;
}

int timezone_list_load_default(struct timezone_list *out, struct buf *err)
{
	return timezone_list_load(out, TIMEZONE_TZDATA_ZI, err);
}

bool timezone_is_valid(const struct timezone_list *l, const char *name)
{
	if (!name || l->count == 0)
		return false;
	return bsearch(&name, l->names, l->count, sizeof *l->names, compare_names) != NULL;
}

void timezone_list_free(struct timezone_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	l->names = NULL;
	l->count = 0;
}

/* True when path is a regular file that starts with the TZif magic: glibc silently treats
 * a TZ it cannot load as UTC, so an unknown zone must be caught before. */
static bool is_tzif_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return false;
	struct stat st;
	char magic[4];
	bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
		  read(fd, magic, sizeof magic) == (ssize_t)sizeof magic && memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

int timezone_localtime(const char *name, int64_t utc_seconds, struct tm *out)
{
	time_t t = (time_t)utc_seconds;
	struct tm tm;
	if (!name || (int64_t)t != utc_seconds)
		return -1;
	if (strcmp(name, TIMEZONE_DEFAULT) == 0) {
		if (!gmtime_r(&t, &tm))
			return -1;
		*out = tm;
		return 0;
	}
	if (!name_well_formed(name))
		return -1;
	/* ":/usr/share/zoneinfo/NAME": the leading ':' and the absolute path make glibc read
	 * exactly the file checked here (never TZDIR, never a POSIX rule string). */
	char tz[1 + sizeof TIMEZONE_DIR + TIMEZONE_NAME_MAX + 1];
	snprintf(tz, sizeof tz, ":%s/%s", TIMEZONE_DIR, name);
	if (!is_tzif_file(tz + 1))
		return -1;
	const char *old = getenv("TZ");
	char *saved = old ? xstrdup(old) : NULL;
	int rc = -1;
	if (setenv("TZ", tz, 1) != 0)
		goto out;
	tzset();
	if (localtime_r(&t, &tm)) {
		*out = tm;
		rc = 0;
	}
out:
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	return rc;
}

int timezone_offset_minutes(const char *name, int64_t utc_seconds, int *minutes_out)
{
	struct tm tm;
	if (timezone_localtime(name, utc_seconds, &tm) < 0)
		return -1;
	*minutes_out = (int)(tm.tm_gmtoff / 60);
	return 0;
}

/* Writes the last n decimal digits of v, zero-padded, to p (no NUL). */
static void put_digits(char *p, unsigned v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

int timezone_local_date(const char *name, int64_t utc_seconds, char out[11])
{
	struct tm tm;
	out[0] = '\0';
	if (timezone_localtime(name, utc_seconds, &tm) < 0)
		return -1;
	if (tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return -1;
	put_digits(out, (unsigned)(tm.tm_year + 1900), 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)(tm.tm_mon + 1), 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)tm.tm_mday, 2);
	out[10] = '\0';
	return 0;
}
