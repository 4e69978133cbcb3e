/* timezone: the IANA time-zone names offered to users (read once from the system tzdata) and
 * the UTC offset and local calendar day of an instant in one of those zones. */
#ifndef TRACKPRO_TIMEZONE_H
#define TRACKPRO_TIMEZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"

/* Where the compiled zone files (TZif) are; timezone_offset_minutes reads NAME below it. */
#define TIMEZONE_DIR "/usr/share/zoneinfo"
/* Debian's tzdata ships the source of every zone in one file; the list is read from it. */
#define TIMEZONE_TZDATA_ZI TIMEZONE_DIR "/tzdata.zi"
/* The zone of a new account, and the one zone that works without tzdata installed. */
#define TIMEZONE_DEFAULT "UTC"
/* Longest zone name accepted, in bytes (the longest IANA name today has 30). */
#define TIMEZONE_NAME_MAX 64

/* The zone names users can choose from: sorted by strcmp, no duplicates, each string and the
 * array owned by the list (timezone_list_free). Read once at start-up; read-only afterwards. */
struct timezone_list {
	char **names;
	size_t count;
};

/* Fills out from a tzdata.zi file (the zic input Debian installs). The rule:
 *   - every "Z NAME ..." line (a zone, not a link) whose NAME holds a '/' ("Europe/Paris",
 *     "America/Argentina/Salta"), except the "Etc/" zones ("Etc/GMT+5" has the opposite sign
 *     of what people expect, and "Etc/UTC" is offered as "UTC");
 *   - plus "UTC" always.
 * Left out: links ("L" lines: old aliases such as "Asia/Calcutta" or "US/Eastern") and legacy
 * names without a '/' ("EST5EDT", "CET", "Factory"). Names that are not well-formed (see
 * timezone_offset_minutes) are skipped too.
 * Returns 0 on success; 1 when the file does not exist: out then holds only "UTC" and err
 * says why (the caller logs it as a warning: users can then only choose UTC, which is also
 * the only zone that works without tzdata); -1 with the reason in err when the file cannot
 * be read or names no zone (out is then empty). out is always safe to pass to
 * timezone_list_free. */
int timezone_list_load(struct timezone_list *out, const char *tzdata_zi_path, struct buf *err);

/* timezone_list_load from TIMEZONE_TZDATA_ZI. */
int timezone_list_load_default(struct timezone_list *out, struct buf *err);

/* True when name (NULL is allowed: false) is exactly one of the list's names (binary search). */
bool timezone_is_valid(const struct timezone_list *l, const char *name);

/* Frees the names and the array and leaves l empty; safe on an empty list. */
void timezone_list_free(struct timezone_list *l);

/* Converts utc_seconds (seconds since the epoch) to the broken-down local time of zone name
 * into *out (tm_gmtoff and tm_isdst set; tm_zone points into glibc's own storage of zone
 * abbreviations, which lives as long as the process). name must be "UTC" or a well-formed name (1 to
 * TIMEZONE_NAME_MAX bytes of [A-Za-z0-9/_+-], starting with a letter, no empty path part,
 * no trailing '/') of a TZif file under TIMEZONE_DIR. Returns 0, or -1 for a refused or
 * unknown name or an instant out of range (out is then unchanged).
 * Implementation: glibc has no time-zone API but TZ, so this sets TZ, calls tzset and
 * localtime_r, then puts TZ back as it was (unset stays unset) and calls tzset again: the
 * process's time-zone state is unchanged afterwards. This is not thread-safe (workers and
 * commands are single-threaded). "UTC" touches no global state at all. Cost: about 16 µs
 * per call (glibc reads the zone file, then the process's own again), so a loop over many
 * instants should convert once and work with the offset or the struct tm. */
int timezone_localtime(const char *name, int64_t utc_seconds, struct tm *out);

/* Writes to *minutes_out the offset from UTC, in minutes east of Greenwich (Paris in summer:
 * +120; New York in winter: -300; Kolkata: +330), of zone name at the instant utc_seconds
 * (seconds since the epoch). Offsets with seconds (local mean time before ~1900) are
 * truncated toward zero. Returns 0, or -1 as timezone_localtime (*minutes_out unchanged). */
int timezone_offset_minutes(const char *name, int64_t utc_seconds, int *minutes_out);

/* Writes the local calendar day of the instant utc_seconds in zone name as "YYYY-MM-DD" and a
 * NUL into out — what "today" means for a user in that zone. Returns 0, or -1 as
 * timezone_localtime or for a year outside 0000–9999 (out is then ""). */
int timezone_local_date(const char *name, int64_t utc_seconds, char out[11]);

#endif
