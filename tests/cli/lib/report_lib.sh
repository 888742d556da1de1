# The golden files of the publications (tests/cli/report.sh, report_more.sh), sourced
# after lib.sh.

# report_setup [--update] (the script's arguments): GOLDEN (tests/report/golden), UPDATE
# (yes with --update: remake the golden files; no: compare with them), KEZDESU_NOW fixed
# and D, the demo store.
report_setup() {
	GOLDEN=$top/tests/report/golden
	UPDATE=no
	[ "${1:-}" = "--update" ] && UPDATE=yes
	KEZDESU_NOW=2026-11-20T10:00
	export KEZDESU_NOW
	D=$T/demo
	kz --db "$D" --demo
	[ "$rc" -eq 0 ] || bail_out "setup: kezdesu --demo"
}

# report_golden SCRIPT REP LANG FMT ARGS...: kezdesu report ARGS... --format FMT --lang LANG
# into $T/REP.LANG.FMT, which must be silent; then the file compared byte for byte with
# $GOLDEN/REP.LANG.FMT (or copied there when UPDATE=yes; SCRIPT is what remakes it), an
# HTML parsed by tests/report/check_html.py, a CSV loaded by check_csv.py.
report_golden() {
	rg_script=$1 rg_rep=$2 rg_lang=$3 rg_fmt=$4
	shift 4
	rg_f=$T/$rg_rep.$rg_lang.$rg_fmt
	rg_g=$GOLDEN/$rg_rep.$rg_lang.$rg_fmt
	kz --db "$D" report "$@" --format $rg_fmt --lang $rg_lang -o "$rg_f"
	if [ "$rc" -ne 0 ] || [ -s "$T/out" ] || [ -s "$T/err" ]; then
		not_ok "report $rg_rep --format $rg_fmt --lang $rg_lang -o FILE: exit 0, silent"
		diag_file "$T/err" 5
		return
	fi
	if [ $UPDATE = yes ]; then
		cp "$rg_f" "$rg_g"
		ok "golden $rg_rep.$rg_lang.$rg_fmt remade"
	elif cmp -s "$rg_f" "$rg_g"; then
		ok "golden: report $rg_rep --format $rg_fmt --lang $rg_lang is byte for byte the checked-in file"
	else
		not_ok "golden: report $rg_rep --format $rg_fmt --lang $rg_lang differs from tests/report/golden/$rg_rep.$rg_lang.$rg_fmt (sh tests/cli/$rg_script --update remakes it)"
		diff "$rg_g" "$rg_f" | head -10 | sed 's/^/#   /'
	fi
	case $rg_fmt in
	html)
		"$PY" "$top/tests/report/check_html.py" $rg_lang "$rg_f" >"$T/chk" 2>&1
		check "html parser: $rg_rep.$rg_lang.html is well formed and self-contained" \
		    [ ! -s "$T/chk" ] || diag_file "$T/chk"
		;;
	csv)
		"$PY" "$top/tests/report/check_csv.py" "$rg_f" >"$T/chk" 2>&1
		check "csv module: $rg_rep.$rg_lang.csv loads, RFC 4180, no formula" \
		    [ ! -s "$T/chk" ] || diag_file "$T/chk"
		;;
	esac
}
