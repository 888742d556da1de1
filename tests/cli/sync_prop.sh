#!/bin/sh
# Sync by bundle files as a property over many seeds (issue 10, "Tests"): four offices of
# one branch of the KATO tree make random changes and exchange bundles delivered in random
# order with duplicates, losses and corrupted copies; in the end each holds what the scope
# rules say it should, identical to the others, nothing saved missing, conflicts listed
# alike. The property is tests/cli/sync_prop.py (see there); SYNC_PROP_SEEDS=N for more
# seeds, SYNC_PROP_SEED=N to rerun the one a failure names.
. "$(dirname "$0")/lib/lib.sh"

"$PY" "$here/sync_prop.py" "$KZ" "$SAMPLE" "$T"
