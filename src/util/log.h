/*
 * Three tiers of trouble: fatal() for a broken invariant (aborts), struct kz_error for a
 * recoverable error the caller shows, and log_debug() to a file behind -v.
 */
#ifndef KZ_LOG_H
#define KZ_LOG_H

#include <stdarg.h>

enum kz_errcode {
	KZ_OK = 0,
	KZ_EINVAL,	/* bad input from the user or a file */
	KZ_ENOTFOUND,	/* a record that was named does not exist */
	KZ_EEXIST,	/* a record that must be new already exists */
	KZ_EIO,		/* the disk or the store failed */
	KZ_EPERM,	/* permissions */
	KZ_EBUSY,	/* another process holds what we need */
	KZ_EFULL,	/* the disk is full */
};

/* A recoverable error: one line saying what and where, for the caller to show. */
struct kz_error {
	enum kz_errcode code;
	char msg[512];
};

/* Fills e (if not NULL) and returns -1, so that `return kz_fail(e, ...)` reads well. */
int kz_fail(struct kz_error *e, enum kz_errcode code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prefixes the message already in e with more context ("FILE:LINE: "). */
int kz_prefix(struct kz_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Prints "kezdesu: fatal: MSG" and aborts, after calling the hook (if set). */
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/*
 * A function fatal() calls before it prints, so that an interface can restore the
 * terminal first (endwin()); NULL removes it. Called at most once.
 */
void fatal_set_hook(void (*hook)(void));
void log_open(const char *path);
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
