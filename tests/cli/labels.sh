#!/bin/sh
# Issue 8, "Languages": the command line's text for people names fields and codes in the
# user's language (core/labels.h, the interface's words too): `visit show`, `issue show`
# and `question show` in Russian and Kazakh give translated field names, statuses, levels,
# askers' categories, sources, channels and whom the office invited; json and tsv keep the
# English keys and codes, byte for byte the same in every language, and the command line
# keeps taking the codes.
. "$(dirname "$0")/lib/lib.sh"

export KEZDESU_NOW=2026-04-20
S=$T/labels
make_store "$S"

kz --db "$S" visit add --akim "$DISTRICT" --target 613630000 --date 2026-04-10 \
    --venue "Шаян мектебі"
V=$(out)
kz --db "$S" visit set "$V" --status held --attendance citizen=40,deputy=2 \
    --invited deputy,opposition --channels print,web
rc_is 0 "setup: a meeting held, its attendance, invited and channels (codes taken)"
kz --db "$S" issue add --title "Шаян: су" --unit 613630000 --executor "ТКШ бөлімі" \
    --deadline 2026-06-01 --level district
I=$(out)
[ -n "$I" ] || bail_out "setup: issue add"
kz --db "$S" question add --visit "$V" --asker public-org --topic су "Ауыз су қашан?"
Q=$(out)
[ -n "$Q" ] || bail_out "setup: question add"

# ---- field names ----
kz --db "$S" --lang ru visit show "$V"
check "labels_ru_visit_show: the venue's field name in Russian" grep -Fqx "место: Шаян мектебі" "$T/out"
check "labels_ru_visit_show: the meeting's date in Russian" grep -Fqx "дата: 2026-04-10" "$T/out"
check "labels_ru_visit_show: no English field name left" sh -c "! grep -Eq '^ *(venue|date|status|announced_on|duration_min|invited|channels|attendance [0-9]+|category|count):' '$T/out'"
kz --db "$S" --lang kk visit show "$V"
check "labels_kk_visit_show: the venue's field name in Kazakh" grep -Fqx "өтетін орны: Шаян мектебі" "$T/out"
check "labels_kk_visit_show: no English field name left" sh -c "! grep -Eq '^ *(venue|date|status|announced_on|duration_min|invited|channels|attendance [0-9]+|category|count):' '$T/out'"
kz --db "$S" --lang ru issue show "$I"
check "labels_ru_issue_show: the deadline's field name in Russian" grep -Fqx "срок: 2026-06-01" "$T/out"
kz --db "$S" --lang kk question show "$Q"
check "labels_kk_question_show: the text's field name in Kazakh" grep -Fqx "мәтін: Ауыз су қашан?" "$T/out"

# ---- codes: M-2's categories, P-3's channels, the level, the source (issue 8) ----
kz --db "$S" --lang ru visit show "$V"
check "labels_ru_invited: whom the office invited, in Russian" \
    grep -Fqx "приглашены: депутат маслихата, оппозиция" "$T/out"
check "labels_ru_channels: the channels, in Russian" \
    grep -Fqx "каналы: региональная печать, официальные интернет-ресурсы" "$T/out"
check "labels_ru_attendance: the attendance's category, in Russian" \
    grep -Fqx "  категория: гражданин" "$T/out"
kz --db "$S" --lang kk issue show "$I"
check "labels_kk_level: the level of competence, in Kazakh" grep -Fqx "деңгейі: аудан деңгейі" "$T/out"
kz --db "$S" --lang ru question show "$Q"
check "labels_ru_asker: the asker's category, in Russian" \
    grep -Fqx "автор вопроса: общественная организация" "$T/out"
check "labels_ru_source: where it was asked, in Russian" grep -Fqx "источник: на встрече" "$T/out"
kz --db "$S" --lang ru question list --visit "$V" --format text
check "labels_ru_text_list: a text list says the category in Russian too" \
    grep -Fqx "автор вопроса: общественная организация" "$T/out"
kz --db "$S" --lang en visit show "$V"
check "labels_en_invited: English names the categories in words" \
    grep -Fqx "invited: maslikhat deputy, opposition" "$T/out"

kz --db "$S" commission add 2026 --category community "Асанов Серік"
rc_is 0 "setup: a commission member (the code taken)"
kz --db "$S" --lang ru commission list 2026
like "$(out)" "*1. собрание местного сообщества*Асанов Серік*" \
    "labels_ru_commission: the member's category in Russian"
kz --db "$S" --lang ru commission list 2026 --format tsv
is "$(out)" "2026	1	community	Асанов Серік" "labels_tsv_commission: tsv keeps the code"

# ---- machine formats keep keys and codes in every language ----
# (units' names beside their codes follow the language, Kazakh for kk: left out for kk)
nonames() {
	sed -e 's/,"[a-z_]*_name":"[^"]*"//g' "$1"
}
for cmd in "visit show $V" "issue show $I" "question show $Q"; do
	for f in json tsv; do
		# shellcheck disable=SC2086
		kz --db "$S" --lang en $cmd --format $f
		cp "$T/out" "$T/en"
		# shellcheck disable=SC2086
		kz --db "$S" --lang ru $cmd --format $f
		check "labels_machine_$f: ${cmd%% *} in ru is byte for byte English's" \
		    cmp -s "$T/out" "$T/en"
	done
	# shellcheck disable=SC2086
	kz --db "$S" --lang en $cmd --format json
	cp "$T/out" "$T/en"
	# shellcheck disable=SC2086
	kz --db "$S" --lang kk $cmd --format json
	is "$(nonames "$T/out")" "$(nonames "$T/en")" \
	    "labels_machine_json: ${cmd%% *} in kk is English's but for units' names"
done
kz --db "$S" --lang ru visit show "$V" --format json
like "$(out)" '*"invited":"deputy,opposition"*' "labels_json_codes: json keeps the codes"
like "$(out)" '*"venue":"Шаян мектебі"*' "labels_json_keys: and the English keys"
kz --db "$S" --lang ru question show "$Q" --format tsv
like "$(out)" "*public-org*" "labels_tsv_codes: tsv keeps the asker's code"

done_testing
