# kezdesu: plain Makefile (see docs/architecture.md).
#   make            build build/kezdesu
#   make run        open the program on a demo store
#   make check      build and run every test
#   make bench      build optimised and run the benchmarks (not part of check)
#   make SAN=1 ...  the same with AddressSanitizer + UndefinedBehaviorSanitizer (build-san/)
#   make install    PREFIX=/usr/local DESTDIR=
#   make pot        extract the messages into po/kezdesu.pot and merge them into po/*.po
#   make fuzz       build the bundle reader's libFuzzer target with clang and run it
#                   FUZZ_SECONDS (60) on tests/fuzz/corpus/bundle (build-fuzz/)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
CC      ?= cc
PKGS    := ncursesw lmdb uuid libsodium libzstd
TESTPKGS := cmocka

# A fresh Debian 12 machine has neither pkg-config nor the -dev packages: install them on
# first use so that `make run` and `make check` are the whole set-up.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
ifneq ($(shell pkg-config --exists $(PKGS) $(TESTPKGS) 2>/dev/null && echo ok),ok)
DEPS_RC := $(shell sh scripts/install-deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_RC),0)
$(error scripts/install-deps.sh failed: install the packages it names and run make again)
endif
endif
endif

ifeq ($(SAN),1)
B        := build-san
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDSAN    := -fsanitize=address,undefined
else
B        := build
OPT      ?= -O2 -g
LDSAN    :=
endif

WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wundef -Wvla -Wwrite-strings -Wno-missing-field-initializers -Wno-format-truncation
ifneq ($(CI)$(WERROR),)
WARN += -Werror
endif

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

CPPFLAGS += -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DKZ_VERSION=\"$(VERSION)\" -Isrc
CPPFLAGS += -DLOCALEDIR=\"$(LOCALEDIR)\"
CFLAGS   += -std=c11 $(OPT) $(WARN) $(PKG_CFLAGS) -MMD -MP
LDFLAGS  += $(LDSAN)
LDLIBS   += $(PKG_LIBS) -lm

LIB_SRC  := $(sort $(wildcard src/util/*.c src/store/*.c src/core/*.c src/sync/*.c src/report/*.c src/cli/*.c src/ui/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o)
GEN_SRC  := $(B)/gen/demo_units.c $(B)/gen/keymaps.c
KEYMAPS  := keymaps/default.keymap keymaps/vi.keymap
GEN_OBJ  := $(GEN_SRC:.c=.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

# The catalogs (docs/architecture.md "Languages"): po/LANG.po compiled beside the binary,
# where a kezdesu run from the build tree finds them (util/i18n.c).
LANGS    := kk ru en
MO       := $(LANGS:%=$(B)/locale/%/LC_MESSAGES/kezdesu.mo)
POT_SRC  = $(sort $(wildcard src/*.c src/*/*.c src/*/*.h))

all: $(B)/kezdesu $(MO)

$(B)/locale/%/LC_MESSAGES/kezdesu.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# The messages of every source file (src/ui/*.c included), merged into each catalog;
# English is the source strings themselves. Then translate what msgmerge left empty.
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
		--keyword=ngettext:1,2 --keyword=text_check:1 --keyword=text_check_name:1 --add-comments=TRANSLATORS: --package-name=kezdesu \
		--package-version=$(VERSION) --msgid-bugs-address= --sort-by-file \
		-o po/kezdesu.pot $(POT_SRC)
	for l in kk ru; do msgmerge --quiet --update --backup=none --no-fuzzy-matching \
		po/$$l.po po/kezdesu.pot || exit 1; done
	msgen po/kezdesu.pot | sed -e '1,/^msgstr/{/^#, fuzzy$$/d;}' \
		-e 's/charset=CHARSET/charset=UTF-8/' -e 's/^"Language: \\n"/"Language: en\\n"/' \
		-e 's/nplurals=INTEGER; plural=EXPRESSION;/nplurals=2; plural=(n != 1);/' \
		-e 's/^"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE/"PO-Revision-Date: 2026-12-01 00:00+0000/' \
		-e 's/^"Last-Translator: FULL NAME <EMAIL@ADDRESS>/"Last-Translator: msgen/' \
		-e 's/^"Language-Team: LANGUAGE <LL@li.org>/"Language-Team: none/' >po/en.po

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The demo's sample district is a KATO-format CSV in data/; it is compiled in so that an
# installed binary can build the demo store without finding data files.
$(B)/gen/demo_units.c: data/sample-district.csv
	@mkdir -p $(dir $@)
	{ echo '/* generated from data/sample-district.csv */'; \
	  echo 'extern const char demo_units_csv[];'; \
	  echo 'const char demo_units_csv[] ='; \
	  sed -e 's/\r$$//' -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

# The keymaps are compiled in the same way and read through the keymap parser (ui/keymap.c):
# keymaps/NAME.keymap becomes keymap_NAME_text.
$(B)/gen/keymaps.c: $(KEYMAPS)
	@mkdir -p $(dir $@)
	{ echo '/* generated from $(KEYMAPS) */'; \
	  for f in $(KEYMAPS); do \
	    n=$$(basename $$f .keymap); \
	    echo "extern const char keymap_$${n}_text[];"; \
	    echo "const char keymap_$${n}_text[] ="; \
	    sed -e 's/\r$$//' -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f; \
	    echo ';'; \
	  done; } > $@

$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/libkezdesu.a: $(LIB_OBJ) $(GEN_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/kezdesu: $(B)/src/main.o $(B)/libkezdesu.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libkezdesu.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(CMOCKA_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< \
		$(B)/libkezdesu.a $(CMOCKA_LIBS) $(LDLIBS)

$(B)/bench/%: bench/%.c $(B)/libkezdesu.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libkezdesu.a $(LDLIBS)

# The fuzz target (tests/fuzz/fuzz_bundle.c): clang with libFuzzer, ASan and UBSan, on the
# layers below cli/ compiled apart in build-fuzz/. The corpus the run grows stays there;
# the seeds in tests/fuzz/corpus/bundle are `make fuzz-corpus`'s (tests/fuzz/mkcorpus.c).
FUZZ_SECONDS ?= 60
FZ        := build-fuzz
FUZZ_CC   ?= clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_SRC  := $(sort $(wildcard src/util/*.c src/store/*.c src/core/*.c src/sync/*.c))
FUZZ_OBJ  := $(FUZZ_SRC:%.c=$(FZ)/%.o) $(FZ)/gen/demo_units.o

$(FZ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link $(PKG_CFLAGS) -c -o $@ $<

$(FZ)/gen/demo_units.o: $(B)/gen/demo_units.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -O1 -c -o $@ $<

$(FZ)/fuzz_bundle: tests/fuzz/fuzz_bundle.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer $(PKG_CFLAGS) \
		-o $@ $^ $(LDLIBS)

fuzz:
	@command -v $(FUZZ_CC) >/dev/null 2>&1 || sh scripts/install-deps.sh fuzz
	$(MAKE) $(FZ)/fuzz_bundle
	@mkdir -p $(FZ)/corpus
	$(FZ)/fuzz_bundle -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
		-print_final_stats=1 -artifact_prefix=$(FZ)/ $(FZ)/corpus tests/fuzz/corpus/bundle

$(B)/fuzz/mkcorpus: tests/fuzz/mkcorpus.c $(B)/libkezdesu.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libkezdesu.a $(LDLIBS)

fuzz-corpus: $(B)/fuzz/mkcorpus
	@mkdir -p tests/fuzz/corpus/bundle
	$(B)/fuzz/mkcorpus tests/fuzz/corpus/bundle

run: $(B)/kezdesu $(MO)
	$(B)/kezdesu --db $(B)/demo-store --demo

check: $(B)/kezdesu $(MO) $(TEST_BIN) $(BENCH_BIN)
	sh tests/run.sh $(B)

bench: $(B)/kezdesu $(BENCH_BIN)
	sh bench/run.sh $(B)

install: $(B)/kezdesu $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(B)/locale/$$l/LC_MESSAGES/kezdesu.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/kezdesu.mo || exit 1; \
	done
	install -m 755 $(B)/kezdesu $(DESTDIR)$(BINDIR)/kezdesu
	install -m 644 docs/kezdesu.1 $(DESTDIR)$(MANDIR)/man1/kezdesu.1

clean:
	rm -rf build build-san build-fuzz

.PHONY: all run check bench install clean pot fuzz fuzz-corpus
.SECONDARY:

-include $(LIB_OBJ:.o=.d) $(B)/src/main.d $(wildcard $(FZ)/src/*/*.d)
