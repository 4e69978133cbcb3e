/* log: one-line messages to stderr (the service manager or the quickstart collects them). */
#ifndef TRACKPRO_LOG_H
#define TRACKPRO_LOG_H

/* Writes "trackpro[pid]: error: <message>" to stderr as one line. */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes "trackpro[pid]: <message>" to stderr as one line. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Writes one access-log line: method, path (without the query string), status, duration in
 * microseconds. Control characters in path are replaced so a request cannot forge log lines. */
void log_request(const char *method, const char *path, int status, long long micros);

#endif
