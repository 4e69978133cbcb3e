/* loop_import_csv: reads Loop Habit Tracker's CSV export — a zip holding Habits.csv and one
 * folder "NNN Name/" per habit with its Checkmarks.csv (Date,Value,Notes), possibly all under
 * one top folder — into a loop_data. The zip is read from memory with libzip (entry count,
 * each entry's declared uncompressed size and their total capped before anything is
 * inflated, so a zip bomb is refused unread); the CSV files are parsed by libcsv in strict
 * mode (RFC 4180). Both value formats are understood: the words of Loop 2.3.1 and later
 * (YES_MANUAL, YES_AUTO, NO, SKIP, UNKNOWN; numerical amounts in the unit) and the older
 * integer codes, written without a header line (numerical amounts times 1000). */
#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "civil.h"
#include "loop_import_internal.h"
#include "strx.h"
#include "tracker.h"
#include "xmalloc.h"

#define CSV_FIELDS_MAX 64 /* fields kept of a row; later ones are counted and dropped */
#define CSV_CHUNK 65536   /* bytes handed to libcsv at a time */
#define HABIT_ID_NO_FOLDER INT64_C(1000000) /* ids of habits whose folder cannot be named */

/* Habits.csv columns, by header name (Loop 2 names, then Loop 1's for the frequency). */
enum hcol { C_POSITION, C_NAME, C_TYPE, C_QUESTION, C_DESCRIPTION, C_NUM, C_DEN, C_COLOR, C_UNIT, C_TARGET_TYPE,
	    C_TARGET_VALUE, C_ARCHIVED, C__MAX };
static const struct {
	enum hcol col;
	const char *name;
} header_names[] = {
	{ C_POSITION, "Position" }, { C_NAME, "Name" }, { C_TYPE, "Type" }, { C_QUESTION, "Question" },
	{ C_DESCRIPTION, "Description" }, { C_NUM, "FrequencyNumerator" }, { C_NUM, "NumRepetitions" },
	{ C_DEN, "FrequencyDenominator" }, { C_DEN, "Interval" }, { C_COLOR, "Color" }, { C_UNIT, "Unit" },
	{ C_TARGET_TYPE, "Target Type" }, { C_TARGET_VALUE, "Target Value" }, { C_ARCHIVED, "Archived?" },
};

struct reader {
	struct loop_data *d;
	char *message;
	size_t message_size;
	zip_t *zip;
	size_t read_total;  /* uncompressed bytes read so far */
	bool any_words, any_integers;
};

/* One CSV file being parsed: the fields of the current row and what to do with a row. */
struct parse {
	struct reader *r;
	struct arena scratch; /* the current row's fields */
	const char *fields[CSV_FIELDS_MAX];
	int n;
	long row;              /* rows seen so far in this file */
	int status;            /* 0, or 1 once a row was refused (the file is not usable) */
	int (*on_row)(struct parse *p);
	bool header;           /* the file's first row was its header */
	/* Habits.csv */
	int col[C__MAX];       /* field index of each column, -1 when absent */
	/* a habit's Checkmarks.csv */
	struct loop_habit *habit;
};

/* Writes a printf-formatted sentence into the message and returns 1 (not usable). */
__attribute__((format(printf, 2, 3))) static int refuse(struct reader *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (r->message && r->message_size)
		vsnprintf(r->message, r->message_size, fmt, ap);
	va_end(ap);
	return 1;
}

/* libcsv's field callback: takes field s[0..len) of the current row (fields past
 * CSV_FIELDS_MAX are counted, not kept). */
static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	if (p->status != 0)
		return;
	if (p->n < CSV_FIELDS_MAX)
		p->fields[p->n] = arena_strndup(&p->scratch, s ? s : "", s ? len : 0);
	p->n++;
}

/* libcsv's row callback (terminator: the CR or LF that ended the row, -1 at the end of the
 * text): hands the row to on_row, then starts the next. */
static void on_row_end(int terminator, void *data)
{
	(void)terminator;
	struct parse *p = data;
	if (p->status == 0 && p->on_row(p) != 0)
		p->status = 1;
	p->row++;
	p->n = 0;
	arena_reset(&p->scratch);
}

/* Field i of the current row ("" when the row is shorter). */
static const char *field(const struct parse *p, int i)
{
	return i >= 0 && i < p->n && i < CSV_FIELDS_MAX ? p->fields[i] : "";
}

/* libcsv's blank test: no character is a blank. RFC 4180 keeps spaces in a field; by default
 * libcsv trims them around unquoted fields and allows them around quoted ones. */
static int no_blanks(unsigned char c)
{
	(void)c;
	return 0;
}

/* Parses text[0..n) row by row with p->on_row, with libcsv in strict mode: RFC 4180 (a quoted
 * field may hold commas, line breaks and doubled quotes; an unquoted one no quote; nothing but
 * a comma or a line break may follow a closing quote; the last quote must be closed). Rows end
 * with LF, CR or CRLF, a last line break is optional, blank lines are skipped, a leading byte
 * order mark is dropped. The text goes to libcsv CSV_CHUNK bytes at a time, so that a refused
 * row stops the parse soon. 0, or 1 with the message (what names the file). */
static int parse_csv(struct parse *p, const char *text, size_t n, const char *what)
{
	if (n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a byte order mark */
		n -= 3;
	}
	struct csv_parser csv;
	csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI); /* fails only for a NULL parser */
	csv_set_space_func(&csv, no_blanks);
	csv_set_realloc_func(&csv, xrealloc);
	csv_set_blk_size(&csv, CSV_CHUNK);
	bool ok = true;
	for (size_t i = 0; ok && p->status == 0 && i < n;) {
		size_t k = n - i < CSV_CHUNK ? n - i : CSV_CHUNK;
		ok = csv_parse(&csv, text + i, k, on_field, on_row_end, p) == k;
		i += k;
		/* libcsv grows its field buffer by the block size: a block as large as the buffer
		 * (never less than a chunk) doubles it, so a long field costs a few reallocations,
		 * not one per CSV_CHUNK bytes */
		size_t size = csv_get_buffer_size(&csv);
		if (size > CSV_CHUNK)
			csv_set_blk_size(&csv, size);
	}
	if (ok && p->status == 0)
		ok = csv_fini(&csv, on_field, on_row_end, p) == 0;
	csv_free(&csv);
	if (p->status != 0)
		return 1;
	if (!ok)
		return refuse(p->r, "%s is not a valid CSV file.", what);
	return 0;
}

/* A whole number in s (after trimming) into *out: 0, or -1. */
static int parse_int(const char *s, int64_t *out)
{
	while (*s == ' ')
		s++;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

/* A decimal number in s into *out (finite): 0, or -1. */
static int parse_number(const char *s, double *out)
{
	while (*s == ' ')
		s++;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (errno || end == s || *end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* The cleaned text of field col of the row ("" when the column is absent). */
static const char *column_text(struct parse *p, enum hcol col, size_t max, bool multiline)
{
	const char *s = field(p, p->col[col]);
	return loop_text(&p->r->d->arena, s, strlen(s), max, multiline);
}

/* Refuses a Habits.csv whose header has no Name column, or that has no row at all. */
static int no_name_column(struct reader *r)
{
	return refuse(r, "Habits.csv has no Name column; it is not a Loop export.");
}

/* Takes Habits.csv's header row. */
static int habits_header(struct parse *p)
{
	p->header = true;
	for (int i = 0; i < C__MAX; i++)
		p->col[i] = -1;
	for (int f = 0; f < p->n && f < CSV_FIELDS_MAX; f++) {
		size_t len;
		const char *name = strx_trim(p->fields[f], &len);
		for (size_t k = 0; k < sizeof header_names / sizeof header_names[0]; k++)
			if (strlen(header_names[k].name) == len && strncasecmp(name, header_names[k].name, len) == 0 &&
			    p->col[header_names[k].col] < 0)
				p->col[header_names[k].col] = f;
	}
	if (p->col[C_NAME] < 0)
		return no_name_column(p->r);
	return 0;
}

/* on_row of Habits.csv: its header, then one habit per row. */
static int habits_row(struct parse *p)
{
	if (p->row == 0)
		return habits_header(p);
	if (p->n == 1 && !*field(p, 0))
		return 0; /* a row of one empty field (libcsv skips blank lines) */
	struct loop_data *d = p->r->d;
	struct loop_habit *h = loop_habit_add(d);
	if (!h)
		return refuse(p->r, "This export has more than %d habits; an import takes at most that many.",
			      LOOP_IMPORT_MAX_HABITS);
	int64_t v, w;
	bool numbered = parse_int(field(p, p->col[C_POSITION]), &v) == 0 && v >= 0 && v < HABIT_ID_NO_FOLDER;
	for (size_t i = 0; numbered && i + 1 < d->count; i++)
		numbered = d->habits[i].id != v; /* a repeated number cannot tell folders apart */
	h->id = numbered ? v : HABIT_ID_NO_FOLDER + p->row;
	h->position = (int)(numbered ? v : HABIT_ID_NO_FOLDER + p->row);
	h->name = column_text(p, C_NAME, TRACKER_NAME_MAX, false);
	if (!*h->name)
		h->name = arena_printf(&d->arena, "Loop habit %ld", p->row);
	/* exports before Loop 2 have no Question column: their Description is the question */
	h->question = column_text(p, p->col[C_QUESTION] >= 0 ? C_QUESTION : C_DESCRIPTION, LOOP_TEXT_MAX, true);
	h->description = p->col[C_QUESTION] >= 0 ? column_text(p, C_DESCRIPTION, LOOP_TEXT_MAX, true) : "";
	if (parse_int(field(p, p->col[C_NUM]), &v) == 0 && parse_int(field(p, p->col[C_DEN]), &w) == 0 && v >= 1 &&
	    w >= 1 && v <= 1000 && w <= 1000) {
		h->freq_num = (int)v;
		h->freq_den = (int)w;
	}
	const char *color = field(p, p->col[C_COLOR]);
	if (tracker_color_valid(color)) {
		for (int i = 0; i < 7; i++)
			h->color[i] = (char)tolower((unsigned char)color[i]);
		h->color[7] = '\0';
	}
	const char *type = field(p, p->col[C_TYPE]);
	h->numerical = strcasecmp(type, "NUMERICAL") == 0 || strcmp(type, "1") == 0;
	if (h->numerical) {
		const char *tt = field(p, p->col[C_TARGET_TYPE]);
		h->at_most = strcasecmp(tt, "AT_MOST") == 0 || strcmp(tt, "1") == 0;
		double t;
		h->target = parse_number(field(p, p->col[C_TARGET_VALUE]), &t) == 0 && t > 0 && t <= 1e12 ? t : 0;
		h->unit = column_text(p, C_UNIT, 20, false);
	}
	const char *archived = field(p, p->col[C_ARCHIVED]);
	h->archived = strcasecmp(archived, "true") == 0 || strcmp(archived, "1") == 0;
	return 0;
}

/* The mark of a value written as a word; -1 when it is none of Loop's words. */
static int mark_of_word(const struct loop_habit *h, const char *s, enum loop_mark *out)
{
	static const struct {
		const char *word;
		enum loop_mark mark;
		bool numerical; /* also meaningful for a numerical habit */
	} words[] = { { "YES_MANUAL", LOOP_DONE, false }, { "YES_AUTO", LOOP_NOTHING, false },
		      { "NO", LOOP_MISSED, false }, { "SKIP", LOOP_SKIPPED, true }, { "UNKNOWN", LOOP_NOTHING, true } };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(s, words[i].word) == 0 && (!h->numerical || words[i].numerical)) {
			*out = words[i].mark;
			return 0;
		}
	return -1;
}

/* on_row of a habit's Checkmarks.csv: an optional header (Date,Value,Notes), then
 * Date,Value[,Notes] rows. */
static int checkmarks_row(struct parse *p)
{
	struct reader *r = p->r;
	struct loop_data *d = r->d;
	if (p->row == 0 && strcasecmp(field(p, 0), "Date") == 0) {
		p->header = true;
		return 0;
	}
	if (p->n == 1 && !*field(p, 0))
		return 0; /* a row of one empty field (libcsv skips blank lines) */
	if (loop_row_counted(d) < 0)
		return refuse(r, "This export has more than %ld check-ins; an import takes at most that many.",
			      LOOP_IMPORT_MAX_ROWS);
	struct loop_habit *h = p->habit;
	int64_t day, code;
	const char *value = field(p, 1);
	if (civil_parse(field(p, 0), &day) < 0 || !*value) {
		d->skipped_invalid++;
		return 0;
	}
	const char *note = loop_text(&d->arena, field(p, 2), strlen(field(p, 2)), LOOP_NOTE_MAX, true);
	enum loop_mark mark;
	double amount = 0;
	if (isalpha((unsigned char)value[0])) {
		r->any_words = true;
		if (mark_of_word(h, value, &mark) < 0) {
			d->skipped_unknown++;
			return 0;
		}
	} else if (!h->numerical) {
		if (parse_int(value, &code) < 0) {
			d->skipped_invalid++;
			return 0;
		}
		if (loop_mark_of_code(code, &mark) < 0) {
			d->skipped_unknown++;
			return 0;
		}
	} else if (p->header) {
		if (parse_number(value, &amount) < 0 || amount < 0 || amount > 1e12) {
			d->skipped_invalid++;
			return 0;
		}
		mark = LOOP_AMOUNT;
	} else {
		/* the integer format stores amounts times 1000, and -1 and 3 as in the database */
		if (parse_int(value, &code) < 0 || code < -1 || code > INT64_C(1000000000000000)) {
			d->skipped_invalid++;
			return 0;
		}
		mark = code == -1 ? LOOP_NOTHING : code == 3 ? LOOP_SKIPPED : LOOP_AMOUNT;
		amount = (double)code / 1000.0;
	}
	if (!p->header)
		r->any_integers = true;
	loop_checkin_add(d, h, day, mark, amount, note);
	return 0;
}

/* Reads entry index of the zip whole into *out (malloc'd, NUL-terminated), refusing one whose
 * declared size passes the limits. 0, or 1 with the message. */
static int read_entry(struct reader *r, zip_uint64_t index, const char *name, char **out, size_t *len)
{
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(r->zip, index, 0, &st) < 0 || !(st.valid & ZIP_STAT_SIZE))
		return refuse(r, "The zip file is damaged (%s cannot be read).", name);
	if (st.size > LOOP_IMPORT_MAX_BYTES || st.size > LOOP_IMPORT_MAX_ZIP_TOTAL - r->read_total)
		return refuse(r, "The zip holds more than trackpro reads of an export (%s alone unpacks to %llu bytes).",
			      name, (unsigned long long)st.size);
	size_t size = (size_t)st.size, got = 0;
	zip_file_t *f = zip_fopen_index(r->zip, index, 0);
	if (!f)
		return refuse(r, "The zip file is damaged or encrypted (%s cannot be opened).", name);
	char *buf = xmalloc(size + 1);
	zip_int64_t k = 0;
	while (got < size && (k = zip_fread(f, buf + got, size - got)) > 0)
		got += (size_t)k;
	char extra;
	bool ok = k >= 0 && got == size && zip_fread(f, &extra, 1) == 0;
	ok = zip_fclose(f) == 0 && ok;
	if (!ok) {
		free(buf);
		return refuse(r, "The zip file is damaged (%s does not unpack to what it declares).", name);
	}
	buf[size] = '\0';
	r->read_total += size;
	*out = buf;
	*len = size;
	return 0;
}

/* Parses entry index as a CSV file with p (its reader, on_row, and the habit for a
 * Checkmarks.csv set by the caller). */
static int parse_entry(zip_uint64_t index, const char *name, struct parse *p)
{
	char *text = NULL;
	size_t len = 0;
	int rc = read_entry(p->r, index, name, &text, &len);
	if (rc != 0)
		return rc;
	arena_init(&p->scratch);
	rc = parse_csv(p, text, len, name);
	arena_free(&p->scratch);
	free(text);
	return rc;
}

/* Finds Habits.csv at the top or under one top folder; *prefix_len is the length of that
 * folder's "name/" (0 at the top). Returns its index, or -1. */
static zip_int64_t find_habits(zip_t *z, zip_int64_t entries, size_t *prefix_len)
{
	zip_int64_t found = -1;
	for (zip_int64_t i = 0; i < entries; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		if (!name)
			continue;
		const char *slash = strchr(name, '/');
		const char *base = slash ? slash + 1 : name;
		if (strcmp(base, "Habits.csv") != 0 || (slash && slash == name))
			continue;
		if (found < 0 || !slash) {
			found = i;
			*prefix_len = slash ? (size_t)(base - name) : 0;
		}
		if (!slash)
			break;
	}
	return found;
}

/* For an entry "<prefix>NNN Name/Checkmarks.csv", the habit numbered NNN; else NULL. */
static struct loop_habit *checkmarks_habit(struct loop_data *d, const char *name, const char *prefix,
					   size_t prefix_len)
{
	if (strncmp(name, prefix, prefix_len) != 0)
		return NULL;
	const char *dir = name + prefix_len, *slash = strchr(dir, '/');
	if (!slash || strcmp(slash + 1, "Checkmarks.csv") != 0 || !isdigit((unsigned char)dir[0]))
		return NULL;
	int64_t number = 0;
	const char *c = dir;
	for (; c < slash && isdigit((unsigned char)*c) && number < HABIT_ID_NO_FOLDER; c++)
		number = number * 10 + (*c - '0');
	if (c < slash && *c != ' ')
		return NULL;
	return loop_habit_find(d, number);
}

/* Reads the export from the opened zip. */
static int read_export(struct reader *r)
{
	zip_int64_t entries = zip_get_num_entries(r->zip, 0);
	if (entries < 0 || entries > LOOP_IMPORT_MAX_ZIP_ENTRIES)
		return refuse(r, "The zip holds more than %d files; it is not a Loop export.", LOOP_IMPORT_MAX_ZIP_ENTRIES);
	size_t prefix_len = 0;
	zip_int64_t habits = find_habits(r->zip, entries, &prefix_len);
	if (habits < 0)
		return refuse(r, "The zip has no Habits.csv; it is not a Loop Habit Tracker CSV export.");
	const char *habits_name = zip_get_name(r->zip, (zip_uint64_t)habits, ZIP_FL_ENC_GUESS);
	char *prefix = xstrndup(habits_name, prefix_len);
	struct parse p = { .r = r, .on_row = habits_row };
	int rc = parse_entry((zip_uint64_t)habits, "Habits.csv", &p);
	if (rc == 0 && !p.header)
		rc = no_name_column(r); /* an empty file, or blank lines only */
	if (rc == 0)
		loop_data_sort_ids(r->d);
	for (zip_int64_t i = 0; rc == 0 && i < entries; i++) {
		const char *name = zip_get_name(r->zip, (zip_uint64_t)i, ZIP_FL_ENC_GUESS);
		struct loop_habit *h = name ? checkmarks_habit(r->d, name, prefix, prefix_len) : NULL;
		if (h) {
			p = (struct parse){ .r = r, .on_row = checkmarks_row, .habit = h };
			rc = parse_entry((zip_uint64_t)i, name, &p);
		}
	}
	free(prefix);
	if (rc == 0)
		snprintf(r->d->format, sizeof r->d->format, "Loop CSV export (%s)",
			 r->any_integers && !r->any_words ? "integers" : "words");
	return rc;
}

int loop_read_zip(const void *data, size_t size, struct loop_data *d, char *message, size_t message_size)
{
	struct reader r = { .d = d, .message = message, .message_size = message_size };
	zip_error_t error;
	zip_error_init(&error);
	zip_source_t *src = zip_source_buffer_create(data, size, 0, &error);
	if (src)
		r.zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
	zip_error_fini(&error);
	if (!r.zip) {
		if (src)
			zip_source_free(src);
		return refuse(&r, "The zip file is damaged or truncated.");
	}
	int rc = read_export(&r);
	zip_discard(r.zip); /* frees src too */
	return rc;
}
