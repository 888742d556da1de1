#!/usr/bin/env python3
"""
Sync by bundle files as a property (issue 10, "Tests"), driving the real binary.

Four offices of one branch of the KATO tree, with their identities exchanged
(`identity export`, `peer add --yes`): the Агыбет rural okrug 613633000, its district
Бәйдібек 613600000, the Түркістан region 610000000 and the Government 000000000. Per seed:
random changes at each office (meetings, questions in Kazakh and Russian with citizens'
names and contacts planted in them, problem issues with their status, executor, deadline,
steps, progress notes and decisions, the same field edited at two offices to make
conflicts, conflicts settled (`conflicts resolve`), questions withdrawn, the Government's
days off, calendars approved), each laptop's clock hours behind or more than a day ahead;
bundles exported between neighbours (`export --to CODE|up`, now and then `--full`) and
delivered in random order, with duplicates, losses, re-sends, and corrupted copies (a
flipped byte, a truncation), each of which `import` must refuse with one line and leave the
store as it was (its dump, its sync status, its conflicts). Then a reliable round of
exchanges, and:

  - what each office should hold, by the scope rules (core/scope.h), is identical across
    the offices that should hold it: a record owned by unit U (a meeting's akim, a
    question's meeting's akim, an issue's unit, a calendar's office) or held in U (a
    meeting's target) belongs to every office whose subtree holds U; the Government's
    days off to every office; classifier units to none (each office imports KATO itself);
    and no office holds a record it should not;
  - citizens' names and contacts only where they were collected (no --include-personal);
  - nothing a user saved is missing where it should be (records, steps, progress notes);
  - `conflicts` lists alike, for the records both offices hold.

Conflict records themselves are compared by `conflicts` and not by their dump lines: two
offices that notice one conflict each write the same record with their own stamp, and an
office that holds a record only because it happened in its territory (a meeting of the
district's akim in an okrug) sends nothing up, so its stamp of a conflict it noticed stays
its own (the content, which `conflicts` prints, is the same).

Usage: sync_prop.py KEZDESU_BIN SAMPLE_CSV TMPDIR
Environment: SYNC_PROP_SEEDS (default 30; 8 with a binary of build-san/, whose processes
start slowly), SYNC_PROP_SEED=N (that seed alone),
SYNC_PROP_SHORTCUT=0 (no district that also exchanges with the Government directly, which
every third seed has by default: see SHORTCUT), SYNC_PROP_VERBOSE=1 (every command), SYNC_PROP_KEEP=1 (a seed's stores and bundles kept in
TMPDIR/seed-N). Prints TAP; a failure names its seed.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import time

KZ, SAMPLE, TMP = sys.argv[1], sys.argv[2], sys.argv[3]
VERBOSE = os.environ.get("SYNC_PROP_VERBOSE") == "1"

# The branch of the tree: index 0 the lowest.
OFFICES = [
    ("okrug", "613633000"),     # Ағыбет а.о.
    ("district", "613600000"),  # Бәйдібек ауданы
    ("region", "610000000"),    # Түркістан облысы
    ("gov", "000000000"),       # the Government
]
# Units of the sample classifier (data/sample-district.csv) to hold meetings in and give
# issues to: the okrug's villages, another okrug of the district, the district's centre.
OKRUG_UNITS = ["613633000", "613633100", "613633200", "613633300", "613633400"]
OTHER_OKRUG = ["613630000", "613630100", "613635000", "613635200"]

# Personal fields by record kind, as dump names their paths (core/scope.c's
# scope_personal_fields: question.asker_name tag 8, asker_contact tag 9; a top-level
# field's path is varint(tag << 1)).
PERSONAL_PATHS = {"question": {"10", "12"}}

QUESTIONS = [
    "Ауылдағы жолды қашан жөндейді? Көктемде су басады.",
    "Мектепке жаңа спорт залы керек, балалар көп.",
    "Когда проведут газ на нашу улицу? Ждём третий год.",
    "Ғимараттың шатыры ағып тұр, қыс келе жатыр.",
    "Нет освещения от остановки до школы, детям опасно.",
    "Ауыз су сапасы нашар, құбыр ескі — Һәм Ұлы Өзен.",
    "Прошу отремонтировать мост через арык у больницы.",
    "Детский сад переполнен, очередь на два года вперёд.",
]
NAMES = ["Асқар Бекұлы", "Гүлнұр Сәрсенова", "Иванов Пётр Сергеевич", "Әлия Төлеуқызы",
         "Ерұлан Қожа"]
TITLES = ["Ауыз су", "Жол жөндеу", "Газ құбыры", "Мектеп шатыры", "Освещение улицы",
          "Мост через арык"]
EXECUTORS = ["ТКШ бөлімі", "Аудан әкімдігі", "Облыс энергетика басқармасы",
             "Отдел образования"]
STATUSES = ["new", "in-work", "resolved", "explained", "rejected", "escalated"]

_n = 0
_failed = 0


def ok(cond, name, diag=None):
    global _n, _failed
    _n += 1
    if cond:
        print("ok %d - %s" % (_n, name))
    else:
        _failed += 1
        print("not ok %d - %s" % (_n, name))
        for line in (diag or "").splitlines()[:40]:
            print("#   " + line)
    sys.stdout.flush()
    return cond


def within(code, anc):
    """core/scope.c's scope_within: code in anc's subtree (the codes' own digits)."""
    keep = 9
    for hi, lo in ((9, 7), (7, 6), (6, 4), (4, 2), (2, 0)):
        if anc[lo:hi].strip("0"):
            break
        keep = lo
    return code[:keep] == anc[:keep]


class Fail(Exception):
    pass


class World:
    def __init__(self, seed, base, shortcut=()):
        self.seed = seed
        # Peers beyond the neighbours: (lower, upper) pairs that also exchange directly,
        # so that a change may reach an office by two paths of different scope.
        self.shortcut = list(shortcut)
        self.rng = random.Random(seed)
        self.dir = os.path.join(TMP, "seed-%d" % seed)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "mail"))
        self.db = []
        for name, _ in OFFICES:
            shutil.copytree(os.path.join(base, name), os.path.join(self.dir, name))
            self.db.append(os.path.join(self.dir, name))
        self.now = 1795600800  # 2026-11-25T10:00Z, seconds
        # Clocks set wrong: hours behind, or more than a day ahead (applied and flagged).
        self.skew = [self.rng.choice([-3 * 3600, 30 * 3600, 0, 0, 0, self.rng.randrange(60)])
                     for _ in OFFICES]
        self.visits = {}     # uuid -> (akim, target, office index that made it)
        self.questions = {}  # uuid -> (visit uuid, office, personal: bool)
        self.issues = {}     # uuid -> unit
        self.texts = {}      # issue uuid -> set of step/progress texts saved
        self.shared = None   # an issue of the okrug sent up the branch before the rest
        # conflict id (hex) -> the record it is about (kind, key): two offices settling one
        # conflict at once make a conflict about the conflict, placed as that record
        self.about = {}
        self.calendars = set()  # (office code, year)
        self.holidays = set()
        self.mail = {i: [] for i in range(len(OFFICES))}  # bundles waiting for office i
        self.nbundle = 0
        self.stats = {"ops": 0, "refused": 0, "bundles": 0, "imports": 0, "dups": 0,
                      "lost": 0, "corrupt": 0, "empty": 0,
                      "not here yet": 0}

    # ---- running the program ----

    def run(self, k, *args, check=True, now=True):
        env = dict(os.environ)
        self.now += self.rng.randint(1, 3)
        if now:
            env["KEZDESU_NOW"] = time.strftime("%Y-%m-%dT%H:%M:%S",
                                               time.gmtime(self.now + self.skew[k]))
        cmd = [KZ, "--db", self.db[k]] + list(args)
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
        if VERBOSE:
            print("# [%s] %s -> %d %s" % (OFFICES[k][0], " ".join(args), p.returncode,
                                          err.strip()[:200]))
        if p.returncode < 0 or p.returncode >= 124:
            raise Fail("%s %s: killed or crashed (status %d): %s" %
                       (OFFICES[k][0], " ".join(args), p.returncode, err[:500]))
        if check and p.returncode != 0:
            raise Fail("%s: kezdesu %s: status %d: %s" %
                       (OFFICES[k][0], " ".join(args), p.returncode, err.strip()[:500]))
        return p.returncode, out, err

    def op(self, k, *args):
        """A user's action: refusals by the domain's rules are counted, not failures."""
        self.stats["ops"] += 1
        rc, out, err = self.run(k, *args, check=False)
        if rc != 0:
            if err.rstrip().endswith(": not found"):
                self.stats["not here yet"] += 1  # the record has not arrived at this office
                return None
            self.stats["refused"] += 1
            if err.count("\n") != 1 or not err.startswith("kezdesu: "):
                raise Fail("%s: kezdesu %s: refused without one line: %r" %
                           (OFFICES[k][0], " ".join(args), err))
            return None
        return out

    # ---- random changes ----

    def code(self, k):
        return OFFICES[k][1]

    def editable(self, k, owner):
        """Office k edits records it owns or that are below it: those changes go to every
        office that holds the record (an office holding a record only because it happened
        in its territory sends nothing of it up)."""
        return within(owner, self.code(k))

    def change(self, k):
        r = self.rng
        kind = r.randrange(14)
        code = self.code(k)
        if kind == 0 and code != "000000000":
            # A meeting of this office's akim, in its territory.
            targets = [u for u in OKRUG_UNITS + OTHER_OKRUG + [code] if within(u, code)]
            target = r.choice(targets)
            day = "2026-12-%02d" % r.randint(7, 28)
            out = self.op(k, "visit", "add", "--akim", code, "--target", target,
                          "--date", day, "--time", "%02d:00" % r.randint(9, 17))
            if out:
                self.visits[out.strip()] = (code, target, k)
            return
        if kind in (1, 2):
            # At a meeting of this office's akim, or (entered later, from the minutes) of
            # an akim below it.
            vs = [v for v, (akim, _, _) in self.visits.items()
                  if akim == code or (self.editable(k, akim) and r.randrange(4) == 0)]
            if not vs:
                return
            v = r.choice(vs)
            args = ["question", "add", "--visit", v]
            personal = r.randrange(2) == 0
            if personal:
                args += ["--name", r.choice(NAMES), "--contact",
                         "+7 70%d %03d %04d" % (r.randrange(10), r.randrange(1000),
                                                r.randrange(10000))]
            args.append("%s (%d)" % (r.choice(QUESTIONS), r.randrange(10 ** 6)))
            out = self.op(k, *args)
            if out:
                self.questions[out.strip()] = (v, k, personal)
            return
        if kind == 3:
            qs = [q for q, (v, _, _) in self.questions.items()
                  if self.editable(k, self.visits[v][0])]
            if not qs:
                return
            q = r.choice(qs)
            what = r.randrange(4)
            if what == 0:
                self.op(k, "question", "withdraw", q)
            elif what == 1:
                self.op(k, "question", "set", q, "--answered", r.choice(["yes", "no"]))
            elif what == 2:
                self.op(k, "question", "set", q, "--answer",
                        "Жауап %d: %s" % (r.randrange(100), r.choice(EXECUTORS)))
            else:
                self.op(k, "question", "set", q, "--topic", r.choice(["water", "roads", "gas"]))
            return
        if kind == 4:
            units = [u for u in [OFFICES[0][1], OFFICES[1][1], OFFICES[2][1]] + OKRUG_UNITS
                     + OTHER_OKRUG if within(u, code)]
            unit = r.choice(units)
            out = self.op(k, "issue", "add", "--title",
                          "%s: %s" % (r.choice(TITLES), r.choice(["Ағыбет", "Шаян", "Алгабас"])),
                          "--unit", unit, "--executor", r.choice(EXECUTORS))
            if out:
                self.issues[out.strip()] = unit
                self.texts[out.strip()] = set()
            return
        if kind in (5, 6, 7, 10, 11, 12):
            # Edits of issues: few values, so that two offices often set the same field.
            iss = [i for i, u in self.issues.items() if self.editable(k, u)]
            if not iss:
                return
            # Half of the edits go to the issue every office holds from the start: edits of
            # one field at two offices before they hear of each other are conflicts.
            i = self.shared if self.shared in iss and r.randrange(2) else r.choice(iss)
            what = r.randrange(9)
            if what in (0, 7, 8):
                self.op(k, "issue", "set", i, "--status", r.choice(STATUSES))
            elif what == 1:
                self.op(k, "issue", "set", i, "--title", "%s %d" % (r.choice(TITLES),
                                                                     r.randrange(3)))
            elif what == 2:
                self.op(k, "issue", "set", i, "--executor", r.choice(EXECUTORS))
            elif what == 3:
                self.op(k, "issue", "set", i, "--deadline", "2027-%02d-%02d" %
                        (r.randint(1, 12), r.randint(1, 28)))
            elif what == 4:
                t = "Қадам %d: құбыр төсеу" % r.randrange(10 ** 6)
                if self.op(k, "issue", "set", i, "--step", t, "--step-executor",
                           r.choice(EXECUTORS)) is not None:
                    self.texts[i].add(t)
            elif what == 5:
                t = "Орындалуда %d, работы начаты" % r.randrange(10 ** 6)
                if self.op(k, "issue", "set", i, "--progress", "2026-Q4:" + t) is not None:
                    self.texts[i].add(t)
            else:
                self.op(k, "issue", "set", i, "--step-done", "1")
            return
        if kind == 13:
            # A conflict settled by choosing a value (a change that syncs, and the conflict
            # marked resolved), at an office whose edits of the record go everywhere.
            rc, out, _ = self.run(k, "conflicts")
            rows = [l.split("\t") for l in out.splitlines() if not l.startswith("clock-ahead")]
            for f in rows:
                self.about[f[-1].replace("-", "")] = (f[0], f[1])
            rows = [f for f in rows if self.editable(k, self.owner(f[0], f[1]))]
            if rows:
                f = r.choice(rows)
                self.op(k, "conflicts", "resolve", f[-1], "--keep",
                        r.choice(["mine", "theirs"]))
            return
        if kind == 8:
            if code == "000000000":
                day = "2027-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))
                if self.op(k, "holiday", "add", day, r.choice(["--off", "--workday"]),
                           "--name", "Мереке %d" % r.randrange(100)) is not None:
                    self.holidays.add(day)
            return
        if kind == 9:
            # K-1: this office's calendar of 2027 approved, then the maslikhat notified
            # (a calendar record, which goes up and down the whole branch).
            when = time.strftime("%Y-%m-%d", time.gmtime(self.now + self.skew[k] - 86400))
            step = "notify" if (code, 2027) in self.calendars else "approve"
            if self.op(k, "calendar", step, "2027", "--date", when) is not None:
                self.calendars.add((code, 2027))

    def owner(self, kind, key):
        """The unit that owns a record (dump's kind, key in hex)."""
        if kind == "visit":
            return self.visits[uuid_of(key)][0]
        if kind == "question":
            return self.visits[self.questions[uuid_of(key)][0]][0]
        if kind == "issue":
            return self.issues[uuid_of(key)]
        if kind == "calendar":
            return bytes.fromhex(key[:18]).decode()
        if kind == "conflict":
            return self.owner(*self.about[key])
        return "000000000"

    # ---- bundles ----

    def export(self, a, b):
        """A bundle from office a to its neighbour b, waiting in b's mail."""
        self.nbundle += 1
        path = os.path.join(self.dir, "mail", "%d-%s-to-%s.kzb" % (
            self.nbundle, OFFICES[a][0], OFFICES[b][0]))
        # "up" names the one peer above; a district with two (a shortcut) names the code.
        ups = [y for x, y in self.links() if x == a and y > a]
        to = "up" if ups == [b] else self.code(b)
        # Now and then everything in scope again (--full: a lost laptop's rebuild).
        full = ["--full"] if self.rng.randrange(10) == 0 else []
        self.run(a, "export", "--to", to, "-o", path, *full)
        if not os.path.exists(path):
            self.stats["empty"] += 1
            return None
        self.stats["bundles"] += 1
        self.mail[b].append(path)
        return path

    def snapshot(self, k):
        return (self.run(k, "dump", now=False)[1] +
                self.run(k, "sync", "status", now=False)[1] +
                self.run(k, "conflicts", now=False)[1])

    def deliver_corrupt(self, k, path):
        """A damaged copy: refused with one line, the store as it was."""
        data = bytearray(open(path, "rb").read())
        if self.rng.randrange(2) == 0 and len(data) > 0:
            at = self.rng.randrange(len(data))
            data[at] ^= 1 << self.rng.randrange(8)
            how = "byte %d flipped" % at
        else:
            at = self.rng.randrange(len(data))
            data = data[:at]
            how = "truncated to %d bytes" % at
        bad = path + ".bad"
        with open(bad, "wb") as f:
            f.write(data)
        before = self.snapshot(k)
        rc, out, err = self.run(k, "import", bad, check=False)
        self.stats["corrupt"] += 1
        if rc == 0 or err.count("\n") != 1 or not err.startswith("kezdesu: "):
            raise Fail("%s: import of a copy of %s with %s: status %d, stderr %r (want a "
                       "refusal in one line)" % (OFFICES[k][0], os.path.basename(path), how,
                                                  rc, err[:300]))
        if self.snapshot(k) != before:
            raise Fail("%s: import of a copy of %s with %s was refused but changed the store"
                       % (OFFICES[k][0], os.path.basename(path), how))
        os.unlink(bad)

    def deliver(self, k):
        """One bundle from k's mail, picked at random: applied, kept for a duplicate
        delivery later, lost, or a corrupted copy refused first."""
        r = self.rng
        if not self.mail[k]:
            return
        path = self.mail[k][r.randrange(len(self.mail[k]))]
        roll = r.randrange(10)
        if roll == 0:
            self.mail[k].remove(path)  # lost
            self.stats["lost"] += 1
            return
        if roll <= 1:
            self.deliver_corrupt(k, path)
        self.run(k, "import", path)
        self.stats["imports"] += 1
        if r.randrange(4) == 0:
            self.stats["dups"] += 1  # stays in the mail: delivered again later
        else:
            self.mail[k].remove(path)

    def links(self):
        return [(a, a + 1) for a in range(len(OFFICES) - 1)] + \
               [(a + 1, a) for a in range(len(OFFICES) - 1)] + \
               self.shortcut + [(b, a) for a, b in self.shortcut]

    # ---- the model: who should hold what ----

    def holders(self, owner, where=None):
        return {k for k in range(len(OFFICES))
                if within(owner, self.code(k)) or (where and within(where, self.code(k)))}

    def place(self, kind, key):
        """The offices that should hold the record, or None for a kind not compared."""
        if kind == "visit":
            akim, target, _ = self.visits[uuid_of(key)]
            return self.holders(akim, target)
        if kind == "question":
            v = self.questions[uuid_of(key)][0]
            akim, target, _ = self.visits[v]
            return self.holders(akim, target)
        if kind == "issue":
            return self.holders(self.issues[uuid_of(key)])
        if kind == "calendar":
            office = bytes.fromhex(key[:18]).decode()
            # Up to every office above, down to every office below: the whole branch.
            return {k for k in range(len(OFFICES))
                    if within(office, self.code(k)) or within(self.code(k), office)}
        if kind == "day":
            return set(range(len(OFFICES)))
        if kind == "conflict":
            return self.place(*self.about[key])
        return None


def uuid_of(hexkey):
    return "%s-%s-%s-%s-%s" % (hexkey[:8], hexkey[8:12], hexkey[12:16], hexkey[16:20],
                               hexkey[20:32])


def parse_dump(text):
    """{(kind, key): [lines]}, the lines of each record in dump order."""
    recs = {}
    for line in text.splitlines():
        f = line.split(" ")
        recs.setdefault((f[0], f[1]), []).append(line)
    return recs


def check_world(w):
    n = len(OFFICES)
    dumps = [parse_dump(w.run(k, "dump", now=False)[1]) for k in range(n)]
    # Kinds compared by their dump; units are each office's own import, conflicts compared
    # by their listing below.
    skip = {"unit", "conflict"}
    keys = set()
    for d in dumps:
        keys |= {rk for rk in d if rk[0] not in skip}
    for rk in sorted(keys):
        kind, key = rk
        try:
            hold = w.place(kind, key)
        except KeyError:
            raise Fail("a %s %s that no office of this test made is in a dump" % (kind, key))
        if hold is None:
            raise Fail("a record of kind %s is in a dump: the test does not place it" % kind)
        personal = PERSONAL_PATHS.get(kind, set())
        want = None
        for k in range(n):
            lines = dumps[k].get(rk)
            if k not in hold:
                if lines is not None:
                    raise Fail("%s holds %s %s, which is not in its scope (holders: %s)" %
                               (OFFICES[k][0], kind, key,
                                ", ".join(OFFICES[x][0] for x in sorted(hold))))
                continue
            if lines is None:
                raise Fail("%s lacks %s %s, which it should hold" % (OFFICES[k][0], kind, key))
            # Personal paths only where collected: compared apart, below.
            shared = [l for l in lines if l.split(" ")[2] not in personal]
            if want is None:
                want, first = shared, k
            elif shared != want:
                raise Fail("%s %s differs between %s and %s:\n%s\n--- vs ---\n%s" % (
                    kind, key, OFFICES[first][0], OFFICES[k][0], "\n".join(want),
                    "\n".join(shared)))
    # Citizens' names and contacts: where they were collected, nowhere else.
    for q, (v, k0, personal) in w.questions.items():
        key = ("question", q.replace("-", ""))
        for k in range(n):
            lines = dumps[k].get(key) or []
            has = [l for l in lines if l.split(" ")[2] in PERSONAL_PATHS["question"]
                   and not l.endswith(" -")]
            if k == k0 and personal and len(has) != 2:
                raise Fail("%s lost the name or contact of question %s it collected" %
                           (OFFICES[k][0], q))
            if k != k0 and has:
                raise Fail("%s holds the personal data of question %s, collected by %s" %
                           (OFFICES[k][0], q, OFFICES[k0][0]))
    # Nothing saved is missing: every record made, at every office that should hold it.
    made = [("visit", v) for v in w.visits] + [("question", q) for q in w.questions] + \
           [("issue", i) for i in w.issues]
    for kind, u in made:
        hold = w.place(kind, u.replace("-", ""))
        for k in hold:
            if (kind, u.replace("-", "")) not in dumps[k]:
                raise Fail("%s lacks the %s %s saved at %s" % (OFFICES[k][0], kind, u, "?"))
    for k in range(n):
        issues = json.loads(w.run(k, "issue", "list", "--format", "json", now=False)[1]
                            or "[]")
        got = {}
        for i in issues:
            got[i["id"]] = {s["text"] for s in i.get("steps", [])} | \
                           {p["text"] for p in i.get("progress", [])}
        for i, texts in w.texts.items():
            if k in w.holders(w.issues[i]):
                lost = texts - got.get(i, set())
                if lost:
                    raise Fail("%s lacks steps or progress notes of issue %s: %s" %
                               (OFFICES[k][0], i, sorted(lost)))
    # Conflicts listed alike, for the records each office holds.
    lists = []
    nconf = 0
    for k in range(n):
        out = w.run(k, "conflicts", now=False)[1]
        rows = set()
        for line in out.splitlines():
            f = line.split("\t")
            if f[0] == "clock-ahead":
                continue  # noted by the office that received the change: its own
            if f[0] not in ("visit", "question", "issue", "calendar", "day", "conflict"):
                raise Fail("a conflict about a %s: the test does not place it" % f[0])
            rows.add((f[0], f[1], tuple(f[2:])))
            w.about[f[-1].replace("-", "")] = (f[0], f[1])
        lists.append(rows)
        nconf = max(nconf, len(rows))
    for k in range(n):
        for j in range(n):
            for (kind, rec, rest) in lists[j]:
                hold = w.place(kind, rec)
                if k in hold and j in hold and (kind, rec, rest) not in lists[k]:
                    raise Fail("%s does not list the conflict %s %s %s that %s lists" % (
                        OFFICES[k][0], kind, rec, rest[0], OFFICES[j][0]))
    return nconf


def make_base(base, shortcut=()):
    """The four stores, each with the sample classifier and the neighbours as peers (and
    the pairs of shortcut too)."""
    env = dict(os.environ)
    env["KEZDESU_NOW"] = "2026-11-25T09:00:00"

    def kz(name, *args):
        p = subprocess.run([KZ, "--db", os.path.join(base, name)] + list(args), env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise Fail("setup: %s: kezdesu %s: %s" % (name, " ".join(args),
                                                       p.stderr.decode()[:300]))
        return p.stdout.decode()

    for name, code in OFFICES:
        kz(name, "init", "--unit", code)
        kz(name, "units", "import", SAMPLE, "--edition", "2026-07-17")
        kz(name, "identity", "export", "-o", os.path.join(base, name + ".id"))
    for a, b in [(a, a + 1) for a in range(len(OFFICES) - 1)] + list(shortcut):
        kz(OFFICES[a][0], "peer", "add", os.path.join(base, OFFICES[b][0] + ".id"), "--yes")
        kz(OFFICES[b][0], "peer", "add", os.path.join(base, OFFICES[a][0] + ".id"), "--yes")


def settled_twice(base):
    """The okrug and the district settle one conflict at once, each its own way: the
    conflict about that conflict goes up the branch as the issue it ends at does."""
    w = World(0, base)
    w.skew = [0] * len(OFFICES)
    i = w.run(0, "issue", "add", "--title", "Су", "--unit", OFFICES[0][1])[1].strip()
    w.issues[i] = OFFICES[0][1]

    def send(a, b):
        path = w.export(a, b)
        w.run(b, "import", path)
        w.mail[b].remove(path)

    send(0, 1)
    w.run(0, "issue", "set", i, "--title", "Ауыз су")
    w.run(1, "issue", "set", i, "--title", "Су құбыры")
    send(0, 1)
    send(1, 0)
    cid = w.run(0, "conflicts")[1].split("\t")[-1].strip()
    w.run(0, "conflicts", "resolve", cid, "--keep", "mine")
    w.run(1, "conflicts", "resolve", cid, "--keep", "theirs")
    for a, b in [(0, 1), (1, 0), (1, 2), (2, 3)]:
        send(a, b)
    lists = [sorted(l for l in w.run(k, "conflicts")[1].splitlines()
                    if l.startswith("conflict\t")) for k in range(len(OFFICES))]
    shutil.rmtree(w.dir)
    return ok(len(lists[0]) == 1 and all(x == lists[0] for x in lists),
              "a conflict about a conflict settled twice at once goes where its issue goes",
              "\n".join("%s: %s" % (OFFICES[k][0], lists[k]) for k in range(len(OFFICES))))


# Every third seed the district also exchanges with the Government directly (a peer above
# that is not its parent, which peer add allows), so that a change reaches an office by two
# paths of different scope (SYNC_PROP_SHORTCUT=0: never). It failed (seed 30 on 2026-12-01)
# while export counted as held whatever the peer's version vector named: a change of the
# Government relayed to the region through the district's narrower scope made the region's
# vector cover the Government's calendar that never reached it, and import took even a
# --full bundle from the Government for "already here" (its vector covered by the last one
# applied). Now a peer holds what it acknowledged from us (core/peer.c, peer_known_vv) and
# "already here" is the bundle's hash (sync/import.c, held_fn).
SHORTCUT = [(1, 3)]
SHORTCUT_ON = os.environ.get("SYNC_PROP_SHORTCUT", "1") != "0"


def run_seed(seed, base, base_short):
    if SHORTCUT_ON and seed % 3 == 0:
        w = World(seed, base_short, SHORTCUT)
    else:
        w = World(seed, base)
    r = w.rng
    steps = 100 + r.randrange(60)
    # An issue of the okrug that every office holds before the random part (sent up the
    # branch reliably), so that offices edit it at once from the first step.
    out = w.run(0, "issue", "add", "--title", "Ағыбет: ауыз су құбыры", "--unit", OFFICES[0][1],
                "--executor", EXECUTORS[0])[1]
    w.shared = out.strip()
    w.issues[w.shared] = OFFICES[0][1]
    w.texts[w.shared] = set()
    for a in range(len(OFFICES) - 1):
        path = w.export(a, a + 1)
        w.run(a + 1, "import", path)
        w.mail[a + 1].remove(path)
    for _ in range(steps):
        roll = r.randrange(10)
        if roll < 5:
            w.change(r.randrange(len(OFFICES)))
        elif roll < 7:
            a, b = r.choice(w.links())
            w.export(a, b)
        else:
            w.deliver(r.randrange(len(OFFICES)))
    # What is still in the mail arrives, or not, in any order; then a reliable round: each
    # link each way, up the branch and down again, until nothing new (three rounds carry a
    # change from any office to any other and the conflicts it makes back).
    for k in range(len(OFFICES)):
        while w.mail[k] and r.randrange(3):
            w.deliver(k)
    up = [(a, a + 1) for a in range(len(OFFICES) - 1)]
    down = [(a + 1, a) for a in reversed(range(len(OFFICES) - 1))]
    short = w.shortcut + [(b, a) for a, b in w.shortcut]
    for _ in range(3):
        for a, b in up + down + short:
            path = w.export(a, b)
            if path is not None:
                w.run(b, "import", path)
                w.mail[b].remove(path)
    nconf = check_world(w)
    if os.environ.get("SYNC_PROP_KEEP") != "1":
        shutil.rmtree(w.dir)
    return w, nconf


def main():
    if shutil.which(KZ) is None and not os.access(KZ, os.X_OK):
        print("1..0 # SKIP no binary %s" % KZ)
        return 0
    base = os.path.join(TMP, "base")
    os.makedirs(base)
    make_base(base)
    base_short = os.path.join(TMP, "base-short")
    if SHORTCUT_ON:
        os.makedirs(base_short)
        make_base(base_short, SHORTCUT)
    probe = subprocess.run([KZ, "export", "--help"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    if probe.returncode != 0:
        # Issue 10's export and import are built on another branch; until it is merged
        # here there is nothing to exchange bundles with.
        print("ok 1 # SKIP kezdesu has no export command yet (%s)" %
              probe.stderr.decode().strip().splitlines()[0][:120])
        print("1..1")
        return 0
    try:
        settled_twice(base)
    except Fail as e:
        ok(False, "a conflict about a conflict settled twice at once goes where its issue goes",
           str(e))
    if os.environ.get("SYNC_PROP_SEED"):
        seeds = [int(os.environ["SYNC_PROP_SEED"])]
    else:
        # A sanitizer build starts each process some ten times slower (ASan's shadow
        # memory): fewer seeds there, the same property, so that make check stays a minute.
        san = "build-san" in KZ
        n = int(os.environ.get("SYNC_PROP_SEEDS", "8" if san else "30"))
        if san and "SYNC_PROP_SEEDS" not in os.environ:
            print("# sanitizer build: %d seeds (SYNC_PROP_SEEDS=N for more)" % n)
        seeds = range(1, n + 1)
    total = {}
    conflicts = 0
    t0 = time.time()
    for seed in seeds:
        try:
            w, nconf = run_seed(seed, base, base_short)
        except Fail as e:
            ok(False, "seed %d: the offices converge to what each should hold" % seed,
               "%s\nrerun: %sSYNC_PROP_SEED=%d sh tests/cli/sync_prop.sh" %
               (e, "" if SHORTCUT_ON else "SYNC_PROP_SHORTCUT=0 ", seed))
            continue
        conflicts += nconf
        for k, v in w.stats.items():
            total[k] = total.get(k, 0) + v
        ok(True, "seed %d: the offices converge to what each should hold "
           "(%d changes tried, %d bundles, %d corrupted copies refused%s)" %
           (seed, w.stats["ops"], w.stats["bundles"], w.stats["corrupt"],
            "; the district and the Government exchange directly too" if w.shortcut else ""))
    print("# %d seeds in %.1f s: %s; %d conflicts listed alike" % (
        len(seeds), time.time() - t0, ", ".join("%s %d" % kv for kv in sorted(total.items())),
        conflicts))
    if len(seeds) >= 8:
        # The property was tested on what it is about.
        ok(conflicts > 0, "concurrent edits made conflicts in some seed")
        ok(total.get("corrupt", 0) > 0 and total.get("dups", 0) > 0 and
           total.get("lost", 0) > 0, "bundles were corrupted, duplicated and lost")
        ok(total.get("refused", 0) < total.get("ops", 1) / 2,
           "most random changes were accepted (%d of %d refused)" %
           (total.get("refused", 0), total.get("ops", 0)))
    print("1..%d" % _n)
    return 1 if _failed else 0


if __name__ == "__main__":
    sys.exit(main())
