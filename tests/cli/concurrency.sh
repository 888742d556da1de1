#!/bin/sh
# Several people on one shared store: two `question add -` write 200 questions each at the
# same time while two other processes list the questions in a loop. Every question is
# stored once and the readers never fail. Done with short questions, and (three rounds, each
# on a new store) with long ones that make the store's map grow while the others work.
. "$(dirname "$0")/lib/lib.sh"

N=200

# gen NAME PAD: N questions "NAME сұрақ I PAD".
gen() {
	_i=1
	while [ "$_i" -le "$N" ]; do
		echo "$1 сұрақ $_i $2"
		_i=$((_i + 1))
	done
}

# reader DB VISIT FILE: lists the visit's questions until $T/stop exists; then writes
# "READS FAILURES" to FILE, and the failures' messages to FILE.err.
reader() {
	_n=0
	_f=0
	: >"$3.err"
	while [ ! -e "$T/stop" ]; do
		"$KZ" --db "$1" question list --visit "$2" >/dev/null 2>>"$3.err" || _f=$((_f + 1))
		_n=$((_n + 1))
	done
	echo "$_n $_f" >"$3"
}

# scenario LABEL ROUNDS PAD: ROUNDS times, on a new store, two writers and two readers.
scenario() {
	label=$1
	rounds=$2
	pad=$3
	gen A "$pad" >"$T/a.in"
	gen B "$pad" >"$T/b.in"
	sort "$T/a.in" "$T/b.in" >"$T/want"
	wbad=""
	count_bad=""
	dup_bad=""
	text_bad=""
	id_bad=""
	reads=0
	rfail=0
	k=1
	while [ "$k" -le "$rounds" ]; do
		D=$T/store-$label-$k
		make_store "$D"
		kz --db "$D" visit add --akim "$DISTRICT" --target 613637000 --date 2026-12-10
		V=$(out)
		is_uuid "$V" || bail_out "setup: visit add"
		size0=$(stat -c %s "$D/data.mdb")
		rm -f "$T/stop"
		reader "$D" "$V" "$T/r1" &
		p1=$!
		reader "$D" "$V" "$T/r2" &
		p2=$!
		t0=$(now_ms)
		"$KZ" --db "$D" question add --visit "$V" - <"$T/a.in" >"$T/a.out" 2>"$T/a.err" &
		pa=$!
		"$KZ" --db "$D" question add --visit "$V" - <"$T/b.in" >"$T/b.out" 2>"$T/b.err" &
		pb=$!
		KZ_PIDS="$p1 $p2 $pa $pb"
		wait "$pa"
		ra=$?
		wait "$pb"
		rb=$?
		t1=$(now_ms)
		touch "$T/stop"
		wait "$p1" "$p2"
		KZ_PIDS=""
		size1=$(stat -c %s "$D/data.mdb")
		set -- $(cat "$T/r1") $(cat "$T/r2")
		reads=$((reads + $1 + $3))
		rfail=$((rfail + $2 + $4))
		diag "$label, round $k: 2 x $N questions in $((t1 - t0)) ms," \
		    "$(($1 + $3)) concurrent reads, data.mdb $size0 -> $size1 bytes"
		for w in a b; do
			if [ "$w" = a ]; then r=$ra; else r=$rb; fi
			s=$(grep -c '^saved ' "$T/$w.out")
			if [ "$r" -ne 0 ] || [ "$s" -ne "$N" ]; then
				wbad="$wbad round$k:$w"
				diag "  writer $w exited $r having saved $s of $N:"
				diag_file "$T/$w.err" 2
			fi
		done
		if [ "$(($2 + $4))" -ne 0 ]; then
			diag "  a reader failed:"
			cat "$T/r1.err" "$T/r2.err" | sort -u | head -2 | sed 's/^/#   /'
		fi
		"$KZ" --db "$D" question list --visit "$V" --format tsv >"$T/list" 2>/dev/null
		[ "$(nlines "$T/list")" -eq $((2 * N)) ] || count_bad="$count_bad round$k:$(nlines "$T/list")"
		[ "$(cut -f1 "$T/list" | sort -u | wc -l)" -eq "$(nlines "$T/list")" ] ||
			dup_bad="$dup_bad round$k"
		cut -f7 "$T/list" | sort >"$T/got"
		cmp -s "$T/got" "$T/want" || text_bad="$text_bad round$k"
		cat "$T/a.out" "$T/b.out" | sed -n 's/^saved //p' | sort >"$T/saved"
		cut -f1 "$T/list" | sort >"$T/ids"
		cmp -s "$T/saved" "$T/ids" || id_bad="$id_bad round$k"
		k=$((k + 1))
	done
	is "$wbad" "" "$label: both writers exit 0 having saved $N questions each"
	is "$count_bad" "" "$label: exactly $((2 * N)) questions stored"
	is "$dup_bad" "" "$label: all question ids are distinct"
	is "$text_bad" "" "$label: the stored texts are exactly the ones sent, each once"
	is "$id_bad" "" "$label: the ids reported saved are the ids stored"
	check "$label: the readers ran while the writers did ($reads reads)" [ "$reads" -gt 0 ]
	is "$rfail" 0 "$label: the concurrent readers never failed ($reads reads)"
}

scenario short 1 ""
# About 4 KB a question: 400 of them take the map from 1 MB to 8 MB while the others work.
scenario long 3 "$(printf '%800s' '' | sed 's/ /жол /g')"

done_testing
