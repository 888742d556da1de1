/*
 * Shared by the tests that show a pass's memory stays flat (test_due_count,
 * test_report_quarterly): the work runs in a child under a limit of private memory
 * (RLIMIT_DATA), so that the limit ends with it. Include after testutil.h.
 */
#ifndef KZ_TEST_MEMLIMIT_H
#define KZ_TEST_MEMLIMIT_H

#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define KZ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KZ_ASAN 1
#endif
#endif

/* VmData of /proc/self/status in bytes (the private writable memory a limit counts). */
static inline rlim_t
vm_data(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long kib = 0;

	assert_non_null(f);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "VmData: %lu kB", &kib) == 1)
			break;
	fclose(f);
	assert_true(kib > 0);
	return (rlim_t)kib * 1024;
}

/*
 * In the child: limits its private memory to what it has now and extra bytes more. Under
 * AddressSanitizer, whose shadow and quarantine are private memory too, no limit (what the
 * child checks is still checked). 0, or -1 when the limit cannot be set.
 */
static inline int
test_limit_data(rlim_t extra)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = vm_data() + extra;
#ifndef KZ_ASAN
	if (setrlimit(RLIMIT_DATA, &rl) != 0)
		return -1;
#endif
	return 0;
}

/* Waits for the child pid: it must have exited with 0. */
static inline void
test_wait_ok(pid_t pid)
{
	int status = 0;

	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

#endif
