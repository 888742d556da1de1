#ifndef KZ_CLI_H
#define KZ_CLI_H

/* Runs the command line; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
