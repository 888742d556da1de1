#include <signal.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	/*
	 * A write past a file-size limit (ulimit -f) kills the process with SIGXFSZ before
	 * it can say anything. Ignored, the write fails with EFBIG instead and the store
	 * reports "nothing was saved" like a full disk.
	 */
	signal(SIGXFSZ, SIG_IGN);
	return cli_main(argc, argv);
}
