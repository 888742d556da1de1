/* util/log: fatal() calls its hook before it prints, so an interface can restore the terminal. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "util/log.h"

static int hook_calls;

/* Stands for endwin(): it writes, so the test sees its place before the message. */
static void
restore_terminal(void)
{
	hook_calls++;
	fputs("terminal restored\n", stderr);
	fflush(stderr);
}

/* A hook that itself fails fatally must not call itself again. */
static void
failing_hook(void)
{
	hook_calls++;
	fprintf(stderr, "hook call %d\n", hook_calls);
	fatal("in the hook");
}

/* Runs fatal() in a child with hook set; returns what it wrote on stderr and how it ended. */
static void
run_fatal(void (*hook)(void), char *buf, size_t size, int *status)
{
	int fd[2];
	pid_t pid;
	ssize_t n;
	size_t got = 0;

	assert_int_equal(pipe(fd), 0);
	fflush(stderr);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		dup2(fd[1], 2);
		close(fd[0]);
		fatal_set_hook(hook);
		fatal("broken invariant %d", 42);
	}
	close(fd[1]);
	while (got + 1 < size && (n = read(fd[0], buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(fd[0]);
	assert_int_equal(waitpid(pid, status, 0), pid);
}

static void
test_fatal_calls_hook_first(void **state)
{
	char buf[512];
	int st;

	(void)state;
	run_fatal(restore_terminal, buf, sizeof buf, &st);
	assert_string_equal(buf, "terminal restored\nkezdesu: fatal: broken invariant 42\n");
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

static void
test_fatal_without_hook(void **state)
{
	char buf[512];
	int st;

	(void)state;
	run_fatal(NULL, buf, sizeof buf, &st);
	assert_string_equal(buf, "kezdesu: fatal: broken invariant 42\n");
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

static void
test_fatal_hook_runs_once(void **state)
{
	char buf[512];
	int st;

	(void)state;
	run_fatal(failing_hook, buf, sizeof buf, &st);
	assert_string_equal(buf, "hook call 1\nkezdesu: fatal: in the hook\n");
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fatal_calls_hook_first),
		cmocka_unit_test(test_fatal_without_hook),
		cmocka_unit_test(test_fatal_hook_runs_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
