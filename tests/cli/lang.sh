#!/bin/sh
# Unit names in Kazakh or Russian: --lang kk|ru|en, else the locale (LC_ALL, LC_MESSAGES, LANG,
# the first one set), Russian when it is "ru", "ru_*", "en" or "en_*" (the classifier has no
# English names), Kazakh otherwise.
. "$(dirname "$0")/lib/lib.sh"

S=$T/store
KK='Бәйдібек ауданы'
RU='район Байдибека'
kz --db "$S" init --unit "$DISTRICT"
rc_is 0 "init"
kz --db "$S" units import "$SAMPLE"
rc_is 0 "units import"

# office ENV... KZ ARGS...: the name of the office's unit with the environment and options
# given, as calendar show's json gives it (the overview's words are translated too now).
office() {
	env -u LC_ALL -u LC_MESSAGES -u LANG "$@" calendar show 2026 --format json >"$T/out" \
	    2>"$T/err"
	rc=$?
	sed -n 's/^{"unit":"[0-9]*","unit_name":"\([^"]*\)".*/\1/p' "$T/out"
}

is "$(office "$KZ" --db "$S")" "$KK" "no locale: Kazakh names"
is "$(office LANG=C.UTF-8 "$KZ" --db "$S")" "$KK" "the C locale: Kazakh names"
is "$(office LANG=kk_KZ.UTF-8 "$KZ" --db "$S")" "$KK" "a Kazakh locale: Kazakh names"
is "$(office LANG=ru_RU.UTF-8 "$KZ" --db "$S")" "$RU" "LANG=ru_RU.UTF-8: Russian names"
is "$(office LANG=ru_KZ "$KZ" --db "$S")" "$RU" "LANG=ru_KZ: Russian names"
is "$(office LANG=ru "$KZ" --db "$S")" "$RU" "LANG=ru: Russian names"
is "$(office LANG=rue_UA.UTF-8 "$KZ" --db "$S")" "$KK" "Rusyn (rue) is not Russian"
is "$(office LANG=C LC_MESSAGES=ru_RU.UTF-8 "$KZ" --db "$S")" "$RU" "LC_MESSAGES before LANG"
is "$(office LANG=ru_RU.UTF-8 LC_MESSAGES=kk_KZ.UTF-8 "$KZ" --db "$S")" "$KK" \
    "LC_MESSAGES before LANG (Kazakh)"
is "$(office LC_MESSAGES=ru_RU.UTF-8 LC_ALL=kk_KZ.UTF-8 "$KZ" --db "$S")" "$KK" \
    "LC_ALL before LC_MESSAGES"
is "$(office "$KZ" --lang ru --db "$S")" "$RU" "--lang ru: Russian names"
is "$(office "$KZ" --lang=ru --db "$S")" "$RU" "--lang=ru: Russian names"
is "$(office LANG=ru_RU.UTF-8 "$KZ" --lang kk --db "$S")" "$KK" "--lang kk wins over the locale"
is "$(office LC_ALL=kk_KZ.UTF-8 "$KZ" --lang ru --db "$S")" "$RU" "--lang ru wins over LC_ALL"

# The rules' text output names akims and places in the same language.
kz --db "$S" --lang ru check 2026
check "check 2026 --lang ru: the findings (exit 1: nothing is held yet)" [ "$rc" -eq 1 ]
check "check names Russian places with --lang ru" grep -q 'Байдибека' "$T/out"
check "... and no Kazakh district name" sh -c "! grep -q '$KK' '$T/out'"
kz --db "$S" --lang kk check 2026
check "check names Kazakh places with --lang kk" grep -q "$KK" "$T/out"

is "$(office "$KZ" --lang en --db "$S")" "$RU" "--lang en: units named in Russian"
is "$(office LANG=en_US.UTF-8 "$KZ" --db "$S")" "$RU" "an English locale: units named in Russian"
kz --db "$S" --lang de
rc_is 2 "--lang de is bad usage"
is "$(err)" "kezdesu: --lang: unknown value 'de' (one of: kk, ru, en)" \
    "--lang de: the message names kk, ru and en"
kz --db "$S" --lang
rc_is 2 "--lang without a value is bad usage"
like "$(err)" "kezdesu: --lang needs a value" "--lang without a value: the message says so"
done_testing
