/*
 * Errors, the libgit2 way: a failing function sets one message with
 * error_set() and returns -1; the command's caller prints it once.
 * die() is for the top level only, like git's.
 */
#ifndef NDOSCOPE_ERROR_H
#define NDOSCOPE_ERROR_H

#define NORETURN __attribute__((noreturn))
#define PRINTF(a, b) __attribute__((format(printf, a, b)))

/* Set the pending error message (replacing any earlier one); returns -1. */
int error_set(const char *fmt, ...) PRINTF(1, 2);
/* The pending message, or NULL. */
const char *error_last(void);
void error_clear(void);

/* Print "error: ..." now; returns -1. */
int error(const char *fmt, ...) PRINTF(1, 2);
void warning(const char *fmt, ...) PRINTF(1, 2);
NORETURN void die(const char *fmt, ...) PRINTF(1, 2);

#endif
