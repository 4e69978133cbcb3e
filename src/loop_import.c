/* loop_import: the entry points (format detection, the one transaction, the summary) and the
 * pieces the readers share: the habit list, check-in bookkeeping, Loop's codes, palette and
 * weekday bits, and text cleaning. */
#include "loop_import.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "civil.h"
#include "log.h"
#include "loop_import_internal.h"
#include "xmalloc.h"

/* Loop's 20 colours by palette index (uhabits-core PaletteColor.toCsvColor), lowercased. */
static const char *const palette[20] = {
	"#d32f2f", "#e64a19", "#f57c00", "#ff8f00", "#f9a825", "#afb42b", "#7cb342", "#388e3c", "#00897b", "#00acc1",
	"#039be5", "#1976d2", "#303f9f", "#5e35b1", "#8e24aa", "#d81b60", "#5d4037", "#303030", "#757575", "#aaaaaa",
};

#define MS_PER_DAY INT64_C(86400000)

void loop_data_init(struct loop_data *d)
{
	memset(d, 0, sizeof *d);
	arena_init(&d->arena);
}

void loop_data_free(struct loop_data *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->habits[i].checkins);
	free(d->habits);
	arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}

struct loop_habit *loop_habit_add(struct loop_data *d)
{
	if (d->count >= LOOP_IMPORT_MAX_HABITS)
		return NULL;
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->habits = xrealloc(d->habits, d->cap * sizeof *d->habits);
	}
	struct loop_habit *h = &d->habits[d->count++];
	memset(h, 0, sizeof *h);
	h->name = h->question = h->description = h->unit = h->uuid = "";
	snprintf(h->color, sizeof h->color, "%s", palette[8]);
	h->freq_num = h->freq_den = 1;
	h->reminder_minute = -1;
	h->reminder_weekdays = 127;
	return h;
}

static int compare_habit_id(const void *a, const void *b)
{
	const struct loop_habit *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

void loop_data_sort_ids(struct loop_data *d)
{
	if (d->count)
		qsort(d->habits, d->count, sizeof *d->habits, compare_habit_id);
}

struct loop_habit *loop_habit_find(struct loop_data *d, int64_t id)
{
	struct loop_habit key = { .id = id };
	return d->count ? bsearch(&key, d->habits, d->count, sizeof *d->habits, compare_habit_id) : NULL;
}

int loop_row_counted(struct loop_data *d)
{
	return ++d->rows > LOOP_IMPORT_MAX_ROWS ? -1 : 0;
}

void loop_checkin_add(struct loop_data *d, struct loop_habit *h, int64_t day, enum loop_mark mark, double amount,
		      const char *note)
{
	if (mark == LOOP_NOTHING && !*note) {
		d->skipped_unknown++;
		return;
	}
	if (h->count == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->checkins = xrealloc(h->checkins, h->cap * sizeof *h->checkins);
	}
	h->checkins[h->count++] = (struct loop_checkin){ .day = day, .mark = mark, .amount = amount, .note = note,
							 .order = d->rows };
}

static int compare_checkin(const void *a, const void *b)
{
	const struct loop_checkin *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int compare_habit_position(const void *a, const void *b)
{
	const struct loop_habit *x = a, *y = b;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return compare_habit_id(a, b);
}

void loop_data_finish(struct loop_data *d)
{
	for (size_t i = 0; i < d->count; i++) {
		struct loop_habit *h = &d->habits[i];
		if (h->count == 0)
			continue;
		qsort(h->checkins, h->count, sizeof *h->checkins, compare_checkin);
		size_t kept = 1;
		for (size_t k = 1; k < h->count; k++) {
			if (h->checkins[k].day == h->checkins[kept - 1].day)
				d->skipped_duplicate++;
			else
				h->checkins[kept++] = h->checkins[k];
		}
		h->count = kept;
	}
	if (d->count)
		qsort(d->habits, d->count, sizeof *d->habits, compare_habit_position);
}

int loop_mark_of_code(int64_t code, enum loop_mark *out)
{
	switch (code) {
	case 2: *out = LOOP_DONE; return 0;
	case 0: *out = LOOP_MISSED; return 0;
	case 3: *out = LOOP_SKIPPED; return 0;
	case -1:
	case 1: *out = LOOP_NOTHING; return 0;
	default: return -1;
	}
}

int loop_day_of_timestamp(int64_t ms, int64_t *day)
{
	if (ms < CIVIL_DAY_MIN * MS_PER_DAY || ms >= (CIVIL_DAY_MAX + 1) * MS_PER_DAY)
		return -1;
	int64_t q = ms / MS_PER_DAY;
	if (ms % MS_PER_DAY < 0)
		q--; /* floor, for days before 1970 */
	*day = q;
	return 0;
}

const char *loop_palette_color(int64_t index)
{
	return index >= 0 && index < 20 ? palette[index] : NULL;
}

unsigned loop_weekdays(int64_t loop_mask)
{
	unsigned m = (unsigned)(loop_mask & 127);
	if (m == 0)
		return 127; /* Loop reads an empty list as every day */
	unsigned ours = 0;
	for (unsigned bit = 0; bit < 7; bit++)
		if (m & (1u << bit))
			ours |= 1u << ((bit + 5) % 7); /* Saturday (Loop bit 0) is our bit 5 */
	return ours;
}

/* Decodes one UTF-8 character of s[0..n); returns its length, or 0 when it is invalid (RFC
 * 3629: no overlongs, surrogates or values above U+10FFFF). */
static size_t utf8_char(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
	if (len == 0 || s[0] > 0xF4 || len > n)
		return 0;
	unsigned c = s[0] & (0x3F >> (len - 1));
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	static const unsigned min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

const char *loop_text(struct arena *a, const char *s, size_t n, size_t max, bool multiline)
{
	if (!s)
		return "";
	char *out = arena_alloc(a, (n < max ? n : max) * 3 + 4), *p = out;
	const unsigned char *u = (const unsigned char *)s;
	size_t used = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t len = utf8_char(u + i, n - i, &cp);
		const char *put = (const char *)u + i;
		size_t put_len = len;
		if (len == 0) {
			put = "\xEF\xBF\xBD";
			put_len = 3;
			len = 1;
		} else if (cp == 0x7F || (cp < 0x20 && !(multiline && (cp == '\n' || cp == '\t')))) {
			put = cp == '\r' && multiline ? "" : " ";
			put_len = strlen(put);
		}
		if (used + put_len > max)
			break;
		memcpy(p, put, put_len);
		p += put_len;
		used += put_len;
		i += len;
	}
	*p = '\0';
	/* trim ASCII blanks at both ends */
	char *start = out;
	while (*start == ' ' || *start == '\n' || *start == '\t')
		start++;
	while (p > start && (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t'))
		*--p = '\0';
	return start;
}

/* Writes a sentence into message. */
static void say(char *message, size_t message_size, const char *text)
{
	if (message && message_size)
		snprintf(message, message_size, "%s", text);
}

/* True when data starts with the zip signature of a local file or of an empty archive. */
static bool looks_like_zip(const unsigned char *p, size_t size)
{
	return size >= 4 && p[0] == 'P' && p[1] == 'K' && ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

int loop_import_data(struct db *db, int64_t user_id, const void *data, size_t size,
		     const struct loop_import_options *options, struct loop_import_summary *summary,
		     char *message, size_t message_size)
{
	static const struct loop_import_options defaults = { 0 };
	const struct loop_import_options *o = options ? options : &defaults;
	memset(summary, 0, sizeof *summary);
	say(message, message_size, "");
	const unsigned char *p = data;
	if (!data || size == 0) {
		say(message, message_size, "The file is empty.");
		return 1;
	}
	if (size > LOOP_IMPORT_MAX_BYTES) {
		say(message, message_size, "The file is larger than 32 MiB, the most an import takes.");
		return 1;
	}
	struct loop_data d;
	loop_data_init(&d);
	int rc;
	if (size >= 16 && memcmp(p, "SQLite format 3", 16) == 0)
		rc = loop_read_db(data, size, &d, message, message_size);
	else if (looks_like_zip(p, size))
		rc = loop_read_zip(data, size, &d, message, message_size);
	else {
		say(message, message_size,
		    "This is neither a Loop Habit Tracker backup (.db) nor a Loop CSV export (.zip).");
		rc = 1;
	}
	if (rc != 0)
		goto out;
	loop_data_finish(&d);
	snprintf(summary->format, sizeof summary->format, "%s", d.format);
	summary->habits = (int)d.count;
	summary->skipped_orphan = d.skipped_orphan;
	summary->skipped_duplicate = d.skipped_duplicate;
	summary->skipped_unknown = d.skipped_unknown;
	summary->skipped_invalid = d.skipped_invalid;
	if (db_begin_write(db) < 0) {
		say(message, message_size, "The database is busy or read-only; nothing was imported.");
		rc = -1;
		goto out;
	}
	rc = loop_write(db, user_id, &d, o, summary, message, message_size);
	if (rc == 0 && !o->dry_run) {
		if (db_commit(db) < 0) {
			say(message, message_size, "Saving the import failed; nothing was imported.");
			rc = -1;
		}
	} else {
		db_rollback(db);
	}
	if (rc == 0)
		summary->rows_skipped = summary->skipped_orphan + summary->skipped_duplicate +
					summary->skipped_unknown + summary->skipped_invalid;
	else
		memset(summary, 0, sizeof *summary);
out:
	loop_data_free(&d);
	return rc;
}

int loop_import_path(struct db *db, int64_t user_id, const char *path, const struct loop_import_options *options,
		     struct loop_import_summary *summary, char *message, size_t message_size)
{
	memset(summary, 0, sizeof *summary);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		if (message && message_size)
			snprintf(message, message_size, "%s cannot be read: %s.", path,
				 fd < 0 ? strerror(errno) : "it is not a regular file");
		if (fd >= 0)
			close(fd);
		return 1;
	}
	if (st.st_size > (off_t)LOOP_IMPORT_MAX_BYTES) {
		close(fd);
		say(message, message_size, "The file is larger than 32 MiB, the most an import takes.");
		return 1;
	}
	size_t size = (size_t)st.st_size, got = 0;
	char *data = xmalloc(size ? size : 1);
	while (got < size) {
		ssize_t k = read(fd, data + got, size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	int rc;
	if (got != size) {
		if (message && message_size)
			snprintf(message, message_size, "%s could not be read whole.", path);
		rc = 1;
	} else {
		rc = loop_import_data(db, user_id, data, size, options, summary, message, message_size);
	}
	free(data);
	return rc;
}
