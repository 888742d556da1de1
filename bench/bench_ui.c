/*
 * make bench: the interface as a clerk feels it, the real binary in a pseudo-terminal
 * (TERM=xterm-256color, 80x24 and 200x60) on the store bench_store builds (a million
 * questions; bench/run.sh keeps it for this bench). Every number is measured in this run
 * and printed beside its target (issue 8):
 *   - start to the first frame, warm and cold (the page cache dropped as bench_store
 *     does), seen from outside: fork to the marker the program writes after its first
 *     complete doupdate (KEZDESU_BENCH_KEYS set, src/ui/ui.c);
 *   - per key in meeting mode, from get_wch's return to the end of the doupdate that
 *     shows it, timed inside the program (KEZDESU_BENCH_KEYS=FILE) while this bench types
 *     Kazakh and Russian questions a character at a time and saves each with Enter; an
 *     Enter's time told apart: its store write (the durable commit, timed by the program
 *     too) and the rest, the interface's own; beside it the disk's floor, a 4 KiB write
 *     and fdatasync in the store's directory timed here (an LMDB commit syncs twice: its
 *     pages, then its meta page);
 *   - a search keystroke in Triage (F4, /, then a query typed), the same way;
 *   - bytes written to the terminal per typed character (all the pty master reads);
 *   - memory: the peak private memory, checked against the target: the process's
 *     anonymous pages (heap, stacks: RssAnon of /proc/PID/status, read every 2 ms while
 *     the bench waits on the terminal, so a count that lasts a tenth of a second is seen)
 *     plus its private dirty pages of files (Private_Dirty - Anonymous of
 *     /proc/PID/smaps_rollup, read every 25 ms: it walks the page tables), the largest
 *     sum kept; beside it VmHWM, the peak RSS, which also counts the clean pages of the
 *     store's map (page cache the kernel shares and can take back: not private memory);
 *   - an anchor: the same characters typed into cat(1) in the same pty (raw mode): the
 *     bytes a character costs at least, and the pty's round trip.
 *
 * Usage: bench_ui DIR KEZDESU_BIN KATO_CSV (bench/run.sh passes them; DIR is scratch).
 * The store: BENCH_UI_STORE, else DIR/../bench-store (bench_store's, kept by run.sh).
 * BENCH_UI_RUNS (first frames a mode, default 10), BENCH_UI_QUESTIONS (questions typed a
 * size, default 10), BENCH_DROP_CACHES=0 (drop only the store's pages, not the whole
 * page cache). The bench saves its questions into the store's most recent meeting.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TARGET_FRAME_WARM_MS 10.0
#define TARGET_FRAME_COLD_MS 30.0
#define TARGET_KEY_P99_MS 1.0
#define TARGET_SEARCH_MS 50.0
#define TARGET_PRIVATE_MIB 16.0

#define FRAME_MARK "\033Pkezdesu-frame\033\\"
/* xterm-256color's keys */
#define KEY_F4 "\033OS"
#define KEY_F10 "\033[21~"
#define KEY_ENTER "\r"
#define KEY_BS "\177"
/* Quiet this long after a key's first output byte: the screen update is over. */
#define SETTLE_MS 4
/* After Enter: all it draws is over within this (a save of the interface's own reloads
 * nothing else and recounts no obligations; another process's commit would). */
#define ENTER_QUIET_MS 1500
/* The memory's sampling (mem_sample) */
#define MEM_SLICE_MS 2
#define MEM_ROLLUP_MS 25

/* Questions as clerks type them: Kazakh and Russian, with the letters only Kazakh has. */
static const char *const questions[] = {
	"Ауылдағы жолды қашан жөндейді? Көктемде су басады.",
	"Мектепке жаңа спорт залы керек, балалар көп.",
	"Когда проведут газ на нашу улицу? Ждём третий год.",
	"Ғимараттың шатыры ағып тұр, қыс келе жатыр.",
	"Нет освещения от остановки до школы, детям опасно.",
	"Өңірде жұмыс орындары аз, жастар қалаға кетіп жатыр.",
	"Прошу отремонтировать мост через арык у больницы.",
	"Ұйымдастырылған тасымал жоқ, аудан орталығына бару қиын.",
	"Һәм ауыз су сапасы нашар, құбыр ескі.",
	"Детский сад переполнен, очередь на два года вперёд.",
};
/* Triage: each character of each query is a search; Backspace too. */
static const char *const queries[] = { "ауыл", "жол", "мектеп", "су" };

/* The peak private memory (see the top) and the peak RSS, as sampled. */
struct mem {
	double private_kib;		/* the largest anon + file dirty seen */
	double anon_kib, file_dirty_kib;	/* its two parts at that sample */
	double hwm_kib;			/* VmHWM at the end */
	double file_dirty_now;		/* the last smaps_rollup's reading */
	double next_status, next_rollup;	/* when to read them again (now_ms) */
	size_t samples;
};

struct term {
	pid_t pid;
	int fd;
	double t0;		/* before forkpty */
	char *buf;		/* everything read from the master */
	size_t len, cap;
	struct mem *mem;	/* sampled while waiting on the terminal, when not NULL */
};

struct sample {
	double *v;
	size_t n, cap;
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
fatal(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bench_ui: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Whether needle occurs in s[0..n) (memmem is a GNU extension). */
static bool
contains(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);

	for (size_t i = 0; i + k <= n; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
			return true;
	return false;
}

static void *
xrealloc_or_die(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		fatal("out of memory");
	return p;
}

static void
push(struct sample *s, double v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc_or_die(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = v;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The nearest-rank percentile q (0..1] of a sample (sorted in place), as bench_store. */
static double
pct(struct sample *s, double q)
{
	size_t k;

	if (s->n == 0)
		return 0;
	qsort(s->v, s->n, sizeof *s->v, cmp_double);
	k = (size_t)(q * (double)s->n + 0.999999);
	return s->v[k == 0 ? 0 : k - 1];
}

static const char *
verdict(double v, double target)
{
	return v < target ? "met" : "MISSED";
}

/* ---- the pseudo-terminal ---- */

/*
 * Starts argv in a new pty of cols x rows. cat_raw: the slave in raw mode without echo,
 * as curses puts it, so that cat's output is all the master reads.
 */
static void
term_start(struct term *t, const char *const argv[], int cols, int rows, const char *keys,
    const char *scratch, bool cat_raw)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	memset(t, 0, sizeof *t);
	t->t0 = now_ms();
	if ((t->pid = forkpty(&t->fd, NULL, NULL, &ws)) < 0)
		fatal("forkpty: %s", strerror(errno));
	if (t->pid == 0) {
		if (cat_raw) {
			struct termios tio;

			if (tcgetattr(STDIN_FILENO, &tio) == 0) {
				cfmakeraw(&tio);
				tcsetattr(STDIN_FILENO, TCSANOW, &tio);
			}
		}
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		/* No user keymap, drafts in the scratch directory. */
		setenv("XDG_CONFIG_HOME", scratch, 1);
		setenv("XDG_STATE_HOME", scratch, 1);
		unsetenv("NO_COLOR");
		if (keys != NULL)
			setenv("KEZDESU_BENCH_KEYS", keys, 1);
		else
			unsetenv("KEZDESU_BENCH_KEYS");
		/* execv's argv is char *const[] for old reasons: it does not write them. */
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
}

static void mem_sample(pid_t pid, struct mem *m);

/*
 * Reads what is there within timeout_ms: bytes read, 0 on timeout, -1 at the end. With
 * t->mem, the wait is cut into slices of MEM_SLICE_MS, the memory sampled after each.
 */
static ssize_t
term_pump(struct term *t, int timeout_ms)
{
	struct pollfd p = { .fd = t->fd, .events = POLLIN };
	double end = now_ms() + timeout_ms;
	ssize_t n;
	int r;

	for (;;) {
		double left = end - now_ms();
		int slice = left < 0 ? 0 : (int)left;

		if (t->mem != NULL) {
			mem_sample(t->pid, t->mem);
			if (slice > MEM_SLICE_MS)
				slice = MEM_SLICE_MS;
		}
		if ((r = poll(&p, 1, slice)) != 0 || now_ms() >= end)
			break;
	}
	if (r <= 0)
		return 0;
	if (t->cap - t->len < 65536) {
		t->cap = t->cap * 2 + 65536;
		t->buf = xrealloc_or_die(t->buf, t->cap);
	}
	n = read(t->fd, t->buf + t->len, t->cap - t->len - 1);
	if (n <= 0)
		return -1;	/* EIO: the slave's last holder is gone */
	t->len += (size_t)n;
	t->buf[t->len] = '\0';
	return n;
}

/* Waits for needle in what arrives after offset from: its time, or -1 after timeout_ms. */
static double
term_wait(struct term *t, size_t from, const char *needle, double timeout_ms)
{
	double end = now_ms() + timeout_ms;

	for (;;) {
		if (t->len > from && contains(t->buf + from, t->len - from, needle))
			return now_ms();
		if (now_ms() > end || term_pump(t, 50) < 0)
			return -1;
	}
}

/*
 * Writes a key, then reads until the output has been quiet for SETTLE_MS (the update
 * over): the bytes it caused; *echo_ms the time to its first output byte.
 */
static size_t
term_key(struct term *t, const char *key, double *echo_ms, int first_timeout_ms)
{
	size_t before = t->len;
	double t0 = now_ms();
	ssize_t n;

	if (write(t->fd, key, strlen(key)) != (ssize_t)strlen(key))
		fatal("write to the pty: %s", strerror(errno));
	n = term_pump(t, first_timeout_ms);
	if (echo_ms != NULL)
		*echo_ms = n > 0 ? now_ms() - t0 : -1;
	while (n > 0)
		n = term_pump(t, SETTLE_MS);
	return t->len - before;
}

static int
term_end(struct term *t, struct rusage *ru)
{
	struct rusage r;
	int status = 0;
	double end = now_ms() + 5000;

	/* The master open until the child is gone: closing it first would hang it up. */
	while (wait4(t->pid, &status, WNOHANG, &r) == 0) {
		if (now_ms() > end) {
			kill(t->pid, SIGKILL);
			wait4(t->pid, &status, 0, &r);
			break;
		}
		term_pump(t, 10);
	}
	if (ru != NULL)
		*ru = r;
	close(t->fd);
	free(t->buf);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- the process's memory ---- */

static double
field_kib(const char *path, const char *name)
{
	FILE *f = fopen(path, "r");
	char line[256];
	double v = -1, x;
	size_t n = strlen(name);

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, name, n) == 0 && sscanf(line + n, " %lf", &x) == 1) {
			v = x;
			break;
		}
	fclose(f);
	return v;
}

/*
 * One sample, when due: RssAnon every MEM_SLICE_MS (a counter the kernel keeps: cheap),
 * the file pages' private dirty part every MEM_ROLLUP_MS (smaps_rollup walks the page
 * tables, the store's map included). Private_Dirty counts the dirty anonymous pages too,
 * so the files' part is what exceeds Anonymous.
 */
static void
mem_sample(pid_t pid, struct mem *m)
{
	char rollup[64], status[64];
	double anon, t = now_ms();

	if (t < m->next_status)
		return;
	m->next_status = t + MEM_SLICE_MS;
	snprintf(status, sizeof status, "/proc/%ld/status", (long)pid);
	if (t >= m->next_rollup) {
		double dirty, a;

		m->next_rollup = t + MEM_ROLLUP_MS;
		snprintf(rollup, sizeof rollup, "/proc/%ld/smaps_rollup", (long)pid);
		dirty = field_kib(rollup, "Private_Dirty:");
		a = field_kib(rollup, "Anonymous:");
		if (dirty >= 0 && a >= 0)
			m->file_dirty_now = dirty > a ? dirty - a : 0;
	}
	if ((anon = field_kib(status, "RssAnon:")) < 0)
		return;	/* the process is gone */
	m->samples++;
	if (anon + m->file_dirty_now > m->private_kib) {
		m->private_kib = anon + m->file_dirty_now;
		m->anon_kib = anon;
		m->file_dirty_kib = m->file_dirty_now;
	}
	if ((anon = field_kib(status, "VmHWM:")) > m->hwm_kib)
		m->hwm_kib = anon;
}

/* ---- the page cache ---- */

static void
drop_store(const char *store)
{
	static const char *const files[] = { "data.mdb", "lock.mdb" };
	char path[4096];

	for (size_t i = 0; i < 2; i++) {
		int fd;

		snprintf(path, sizeof path, "%s/%s", store, files[i]);
		if ((fd = open(path, O_RDONLY)) < 0)
			continue;
		/* written back first: DONTNEED leaves dirty pages */
		fdatasync(fd);
		posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		close(fd);
	}
}

/* As bench_store: the whole page cache when allowed (binary and libraries too). */
static bool
drop_all(void)
{
	int fd;
	bool ok;

	sync();
	if ((fd = open("/proc/sys/vm/drop_caches", O_WRONLY)) < 0)
		return false;
	ok = write(fd, "3", 1) == 1;
	close(fd);
	return ok;
}

/* ---- the phases ---- */

struct config {
	const char *bin, *store, *dir;
	char keys[4096], visit[64];
	size_t runs, questions;
	bool drop_caches, dropped_all;
};

static size_t
env_size(const char *name, size_t def)
{
	const char *v = getenv(name);
	char *end;
	unsigned long n;

	if (v == NULL || v[0] == '\0')
		return def;
	n = strtoul(v, &end, 10);
	if (*end != '\0' || n == 0 || n > 100000)
		fatal("%s=%s: a number from 1 to 100000 is needed", name, v);
	return n;
}

/* One start to the first frame, then F10: its time, or -1. */
static double
first_frame(struct config *cf, int cols, int rows, bool cold)
{
	const char *const argv[] = { cf->bin, "--db", cf->store, NULL };
	struct term t;
	double seen;

	if (cold) {
		drop_store(cf->store);
		if (cf->drop_caches)
			cf->dropped_all = drop_all();
	}
	term_start(&t, argv, cols, rows, cf->keys, cf->dir, false);
	seen = term_wait(&t, 0, FRAME_MARK, 10000);
	if (write(t.fd, KEY_F10, strlen(KEY_F10)) < 0)
		seen = -1;
	if (term_end(&t, NULL) != 0 || seen < 0) {
		fprintf(stderr, "bench_ui: %s --db %s: no first frame, or it did not quit "
		    "cleanly on F10\n", cf->bin, cf->store);
		return -1;
	}
	return seen - t.t0;
}

static int
bench_frames(struct config *cf)
{
	static const int sizes[][2] = { { 80, 24 }, { 200, 60 } };
	int rc = 0;

	printf("\n1. start to the first frame (%s --db STORE, Visits), %zu runs each\n",
	    cf->bin, cf->runs);
	printf("  %-26s %10s %10s %10s   target\n", "", "median", "p99", "max");
	for (size_t s = 0; s < 2; s++)
		for (int cold = 0; cold < 2; cold++) {
			struct sample v = { 0 };
			double target = cold ? TARGET_FRAME_COLD_MS : TARGET_FRAME_WARM_MS, p50, p99;
			char label[64];

			if (!cold)
				first_frame(cf, sizes[s][0], sizes[s][1], false);	/* warms */
			for (size_t i = 0; i < cf->runs; i++) {
				double ms = first_frame(cf, sizes[s][0], sizes[s][1], cold);

				if (ms < 0) {
					rc = 1;
					break;
				}
				push(&v, ms);
			}
			p50 = pct(&v, 0.5);
			p99 = pct(&v, 0.99);
			snprintf(label, sizeof label, "%dx%d %s", sizes[s][0], sizes[s][1],
			    cold ? "cold" : "warm");
			printf("  %-26s %7.2f ms %7.2f ms %7.2f ms   median under %.0f ms: %s\n",
			    label, p50, p99, v.n ? v.v[v.n - 1] : 0, target, verdict(p50, target));
			free(v.v);
		}
	printf("  cold: %s\n", !cf->drop_caches ? "the store's pages dropped (posix_fadvise); "
	    "BENCH_DROP_CACHES=0 leaves the rest of the page cache" : cf->dropped_all ?
	    "the whole page cache dropped (drop_caches) and the store's pages before each run" :
	    "drop_caches not possible here: only the store's pages dropped (posix_fadvise)");
	return rc;
}

/* What a typing session measured, outside (the pty) and inside (the keys file). */
struct session {
	size_t chars, char_bytes, enters, enter_bytes, search_keys;
	struct sample echo;		/* write of a character to its first output byte */
	double first_echo;		/* the same for the first character after the start */
	struct sample key, enter, search;	/* inside: key read to doupdate done */
	struct sample enter_write, enter_ui;	/* of enter: the store's write, the rest */
	struct sample disk_sync;	/* the anchor: a 4 KiB write and fdatasync */
	struct sample enter_quiet;	/* outside: Enter's write to its last output byte */
	double search_max;		/* the slowest search keystroke, and its key */
	unsigned search_max_code;
	struct mem mem;
	double maxrss_kib;
};

/* The kinds of key this bench sends, in order, to label the program's records. */
enum sent { SENT_CHAR, SENT_ENTER, SENT_SEARCH, SENT_OTHER };

struct sent_log {
	enum sent *v;
	size_t n, cap;
};

static void
sent(struct sent_log *l, enum sent s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = xrealloc_or_die(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
}

static size_t
utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* Types s a character at a time: the bytes each caused, its echo time. */
static void
type_text(struct term *t, const char *s, enum sent kind, struct sent_log *l,
    struct session *ss)
{
	while (*s != '\0') {
		char ch[5] = { 0 };
		size_t n = utf8_len((unsigned char)*s);
		double echo;
		size_t bytes;

		memcpy(ch, s, n);
		s += n;
		bytes = term_key(t, ch, &echo, 2000);
		sent(l, kind);
		if (kind == SENT_CHAR) {
			/*
			 * The first key after the first frame waits for the obligations' first
			 * count (ui_due_idle): told apart, as a clerk sees it once a start.
			 */
			if (ss->chars == 0)
				ss->first_echo = echo;
			else if (echo >= 0)
				push(&ss->echo, echo);
			ss->chars++;
			ss->char_bytes += bytes;
		} else
			ss->search_keys++;
	}
}

static int
read_keys(const char *path, const struct sent_log *l, struct session *ss)
{
	FILE *f = fopen(path, "r");
	char kind;
	unsigned code;
	unsigned long long ns, write_ns;
	size_t i = 0;

	if (f == NULL) {
		fprintf(stderr, "bench_ui: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* KIND CODE NANOSECONDS WRITE_NANOSECONDS (src/ui/ui.c) */
	while (fscanf(f, " %c %u %llu %llu", &kind, &code, &ns, &write_ns) == 4) {
		double ms = (double)ns / 1e6;

		if (i < l->n) {
			if (l->v[i] == SENT_CHAR)
				push(&ss->key, ms);
			else if (l->v[i] == SENT_ENTER) {
				push(&ss->enter, ms);
				push(&ss->enter_write, (double)write_ns / 1e6);
				push(&ss->enter_ui, (double)(ns - write_ns) / 1e6);
			} else if (l->v[i] == SENT_SEARCH) {
				push(&ss->search, ms);
				if (ms > ss->search_max) {
					ss->search_max = ms;
					ss->search_max_code = code;
				}
			}
		}
		i++;
	}
	fclose(f);
	if (i != l->n) {
		fprintf(stderr, "bench_ui: the program recorded %zu keys, the bench sent %zu\n",
		    i, l->n);
		return -1;
	}
	return 0;
}

/* Meeting mode: questions typed and saved, then Triage's search; F10. */
static int
session(struct config *cf, int cols, int rows, struct session *ss)
{
	const char *const argv[] = { cf->bin, "--db", cf->store, "meet", cf->visit, NULL };
	struct sent_log l = { 0 };
	struct rusage ru;
	struct term t;
	int rc;

	memset(ss, 0, sizeof *ss);
	unlink(cf->keys);
	term_start(&t, argv, cols, rows, cf->keys, cf->dir, false);
	t.mem = &ss->mem;
	if (term_wait(&t, 0, FRAME_MARK, 10000) < 0) {
		term_end(&t, NULL);
		fprintf(stderr, "bench_ui: meet %s: no first frame\n", cf->visit);
		return -1;
	}
	while (term_pump(&t, 50) > 0)
		;
	for (size_t q = 0; q < cf->questions; q++) {
		type_text(&t, questions[q % (sizeof questions / sizeof questions[0])], SENT_CHAR,
		    &l, ss);
		/*
		 * The save: a durable transaction, then what it changed drawn (and whatever a
		 * reload would draw, were it one: src/ui/ui.c, ui_write_done): all of it is the
		 * Enter's, up to the last byte within a second and a half.
		 */
		{
			double t0 = now_ms(), last = t0;
			size_t before = t.len;

			term_key(&t, KEY_ENTER, NULL, 2000);
			last = now_ms();
			while (now_ms() - t0 < ENTER_QUIET_MS)
				if (term_pump(&t, 20) > 0)
					last = now_ms();
			push(&ss->enter_quiet, last - t0);
			ss->enter_bytes += t.len - before;
		}
		ss->enters++;
		sent(&l, SENT_ENTER);
	}
	term_key(&t, KEY_F4, NULL, 2000);
	sent(&l, SENT_OTHER);
	term_key(&t, "/", NULL, 2000);
	sent(&l, SENT_OTHER);
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		type_text(&t, queries[q], SENT_SEARCH, &l, ss);
		for (const char *p = queries[q]; *p != '\0'; p += utf8_len((unsigned char)*p)) {
			term_key(&t, KEY_BS, NULL, 2000);
			sent(&l, SENT_SEARCH);
			ss->search_keys++;
		}
	}
	/* the last reading before F10: VmHWM is the peak of the whole session by then */
	ss->mem.next_status = ss->mem.next_rollup = 0;
	mem_sample(t.pid, &ss->mem);
	t.mem = NULL;
	if (write(t.fd, KEY_F10, strlen(KEY_F10)) < 0)
		fprintf(stderr, "bench_ui: write: %s\n", strerror(errno));
	/* F10 ends the loop before a draw: the program records no time for it */
	rc = term_end(&t, &ru);
	ss->maxrss_kib = (double)ru.ru_maxrss;
	if (rc != 0) {
		fprintf(stderr, "bench_ui: meet %s exited %d\n", cf->visit, rc);
		free(l.v);
		return -1;
	}
	rc = read_keys(cf->keys, &l, ss);
	free(l.v);
	return rc;
}

/* The anchor: the same characters into cat in a raw pty of the same size. */
static void
anchor(struct config *cf, int cols, int rows, struct session *ss)
{
	const char *const argv[] = { "/bin/cat", NULL };
	struct sent_log l = { 0 };
	struct term t;

	memset(ss, 0, sizeof *ss);
	term_start(&t, argv, cols, rows, NULL, cf->dir, true);
	usleep(100000);	/* cat started and the pty raw */
	while (term_pump(&t, 20) > 0)
		;
	for (size_t q = 0; q < cf->questions; q++)
		type_text(&t, questions[q % (sizeof questions / sizeof questions[0])], SENT_CHAR,
		    &l, ss);
	kill(t.pid, SIGTERM);
	term_end(&t, NULL);
	free(l.v);
}

/*
 * The disk's floor under a durable save, on the store's disk in the same run: n times a
 * 4 KiB write and fdatasync of a scratch file in the store's directory.
 */
static void
disk_sync(struct config *cf, size_t n, struct sample *out)
{
	char path[4200], page[4096];
	int fd;

	snprintf(path, sizeof path, "%s/bench-ui-sync.tmp", cf->store);
	memset(page, 'k', sizeof page);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0) {
		fprintf(stderr, "bench_ui: %s: %s\n", path, strerror(errno));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		double t0 = now_ms();

		if (pwrite(fd, page, sizeof page, (off_t)(i % 16) * 4096) != (ssize_t)sizeof page ||
		    fdatasync(fd) != 0) {
			fprintf(stderr, "bench_ui: %s: %s\n", path, strerror(errno));
			break;
		}
		push(out, now_ms() - t0);
	}
	close(fd);
	unlink(path);
}

static void
free_session(struct session *ss)
{
	free(ss->echo.v);
	free(ss->key.v);
	free(ss->enter.v);
	free(ss->enter_write.v);
	free(ss->enter_ui.v);
	free(ss->disk_sync.v);
	free(ss->search.v);
	free(ss->enter_quiet.v);
}

static int
bench_typing(struct config *cf)
{
	static const int sizes[][2] = { { 80, 24 }, { 200, 60 } };
	int rc = 0;

	printf("\n2. meeting mode (%s meet %s): %zu questions typed a character at a time, "
	    "each saved with Enter; then Triage (F4, /) and %zu queries typed and erased\n",
	    cf->bin, cf->visit, cf->questions, sizeof queries / sizeof queries[0]);
	for (size_t s = 0; s < 2; s++) {
		struct session ss, cat;
		double p99, quiet;

		if (session(cf, sizes[s][0], sizes[s][1], &ss) != 0) {
			free_session(&ss);
			rc = 1;
			continue;
		}
		anchor(cf, sizes[s][0], sizes[s][1], &cat);
		disk_sync(cf, 2 * cf->questions, &ss.disk_sync);
		printf("  %dx%d:\n", sizes[s][0], sizes[s][1]);
		p99 = pct(&ss.key, 0.99);
		printf("    a typed character, key read to doupdate done (inside): median %.3f ms, "
		    "p99 %.3f ms, max %.3f ms (%zu keys); p99 under %.0f ms: %s\n",
		    pct(&ss.key, 0.5), p99, ss.key.n ? ss.key.v[ss.key.n - 1] : 0, ss.key.n,
		    TARGET_KEY_P99_MS, verdict(p99, TARGET_KEY_P99_MS));
		p99 = pct(&ss.enter, 0.99);
		printf("    Enter, the question saved (one durable transaction) and shown: median "
		    "%.3f ms, p99 %.3f ms (%zu saves); p99 under %.0f ms: %s\n",
		    pct(&ss.enter, 0.5), p99, ss.enter.n, TARGET_KEY_P99_MS,
		    verdict(p99, TARGET_KEY_P99_MS));
		p99 = pct(&ss.enter_ui, 0.99);
		printf("      of it, the store's write (question_add, its durable commit; inside): "
		    "median %.3f ms, p99 %.3f ms; the rest, the interface's own: median %.3f ms, "
		    "p99 %.3f ms (p99 under %.0f ms: %s)\n", pct(&ss.enter_write, 0.5),
		    pct(&ss.enter_write, 0.99), pct(&ss.enter_ui, 0.5), p99, TARGET_KEY_P99_MS,
		    verdict(p99, TARGET_KEY_P99_MS));
		printf("      the disk's floor, same run: a 4 KiB write and fdatasync in the "
		    "store's directory, median %.3f ms, p99 %.3f ms (%zu); an LMDB commit syncs "
		    "twice (its pages, then its meta page)\n", pct(&ss.disk_sync, 0.5),
		    pct(&ss.disk_sync, 0.99), ss.disk_sync.n);
		quiet = pct(&ss.enter_quiet, 0.5);	/* sorted before its max is read */
		printf("    Enter to its last output byte within 1.5 s (outside: the \"saving...\" "
		    "line, the commit, what it changed drawn, through the pty): median %.1f ms, "
		    "max %.1f ms\n", quiet, ss.enter_quiet.n ?
		    ss.enter_quiet.v[ss.enter_quiet.n - 1] : 0);
		p99 = pct(&ss.search, 0.99);
		printf("    Triage, a search keystroke, key read to results drawn: median %.3f ms, "
		    "p99 %.3f ms, max %.3f ms (%zu keys; the slowest U+%04X); max under %.0f ms: "
		    "%s\n", pct(&ss.search, 0.5), p99, ss.search_max, ss.search.n,
		    ss.search_max_code, TARGET_SEARCH_MS, verdict(ss.search_max, TARGET_SEARCH_MS));
		printf("    bytes to the terminal: %.2f a typed character (%zu characters, %zu "
		    "bytes), %.0f an Enter; cat: %.2f a character\n",
		    ss.chars ? (double)ss.char_bytes / (double)ss.chars : 0, ss.chars,
		    ss.char_bytes, ss.enters ? (double)ss.enter_bytes / (double)ss.enters : 0,
		    cat.chars ? (double)cat.char_bytes / (double)cat.chars : 0);
		printf("    a character's round trip through the pty (outside, write to its "
		    "first byte): median %.3f ms, p99 %.3f ms; cat: median %.3f ms, p99 %.3f ms; "
		    "the first character right after the first frame: %.1f ms (it stops the "
		    "obligations' first count, running then)\n",
		    pct(&ss.echo, 0.5), pct(&ss.echo, 0.99), pct(&cat.echo, 0.5),
		    pct(&cat.echo, 0.99), ss.first_echo);
		printf("    memory: peak private (anonymous + files' private dirty, sampled every "
		    "%d ms, %zu samples) %.1f MiB (anonymous %.1f, files' dirty %.1f); under "
		    "%.0f MiB: %s; peak RSS (VmHWM: the store map's clean shared pages too) "
		    "%.1f MiB\n", MEM_SLICE_MS, ss.mem.samples, ss.mem.private_kib / 1024,
		    ss.mem.anon_kib / 1024, ss.mem.file_dirty_kib / 1024, TARGET_PRIVATE_MIB,
		    verdict(ss.mem.private_kib / 1024, TARGET_PRIVATE_MIB),
		    ss.mem.hwm_kib / 1024);
		free_session(&ss);
		free_session(&cat);
	}
	return rc;
}

/* The store's most recent meeting: the last line of `visit list` (by date). */
static int
find_visit(struct config *cf)
{
	char cmd[8192], line[1024];
	FILE *p;

	snprintf(cmd, sizeof cmd, "'%s' --db '%s' visit list --format tsv", cf->bin, cf->store);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL)
		if (strlen(line) > 36 && line[36] == '\t')
			memcpy(cf->visit, line, 36);
	pclose(p);
	return cf->visit[0] != '\0' ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct config cf = { 0 };
	char store[4096], data[4200];
	struct stat st;
	int rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc != 4) {
		fprintf(stderr, "usage: bench_ui DIR KEZDESU_BIN KATO_CSV\n");
		return 2;
	}
	cf.dir = argv[1];
	cf.bin = argv[2];
	if (getenv("BENCH_UI_STORE") != NULL && getenv("BENCH_UI_STORE")[0] != '\0')
		cf.store = getenv("BENCH_UI_STORE");
	else {
		/* DIR's sibling: DIR need not exist yet */
		const char *slash = strrchr(cf.dir, '/');
		int n = slash != NULL ? (int)(slash - cf.dir) : 0;

		snprintf(store, sizeof store, "%.*s%sbench-store", n, cf.dir,
		    slash != NULL ? "/" : "");
		cf.store = store;
	}
	cf.runs = env_size("BENCH_UI_RUNS", 10);
	cf.questions = env_size("BENCH_UI_QUESTIONS", 10);
	cf.drop_caches = getenv("BENCH_DROP_CACHES") == NULL ||
	    strcmp(getenv("BENCH_DROP_CACHES"), "0") != 0;
	unsetenv("KEZDESU_NOW");
	unsetenv("KEZDESU_DB");
	unsetenv("KEZDESU_READAHEAD");
	snprintf(data, sizeof data, "%s/data.mdb", cf.store);
	if (stat(data, &st) != 0)
		fatal("no store at %s (%s): bench_store builds it, and bench/run.sh keeps it for "
		    "this bench; or set BENCH_UI_STORE", cf.store, strerror(errno));
	if (mkdir(cf.dir, 0700) != 0 && errno != EEXIST)
		fatal("%s: %s", cf.dir, strerror(errno));
	snprintf(cf.keys, sizeof cf.keys, "%s/keys.txt", cf.dir);
	if (find_visit(&cf) != 0)
		fatal("%s: no meeting in the store %s", cf.bin, cf.store);
	printf("bench_ui: %s on %s (%.0f MiB), TERM=xterm-256color, LC_ALL=C.UTF-8\n", cf.bin,
	    cf.store, (double)st.st_size / 1048576);
	rc |= bench_frames(&cf);
	rc |= bench_typing(&cf);
	unlink(cf.keys);
	rmdir(cf.dir);
	return rc;
}
