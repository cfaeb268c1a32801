#!/usr/bin/env python3
"""End-to-end checks of boardpack's history database.

    check_history.py --boardpack BIN --samples DIR --work DIR --check NAME

periods   samples/ built twice into one history as two periods (a plan-only pack
          of Sep 26, then the whole set, Oct 26), each read back from the SQLite
          file with Python's sqlite3 against its summary.json; `boardpack history`;
          rebuilds of each period replace it (row counts unchanged, report date new)
refused   --history naming a text file or another program's database, a history
          inside the output folder: exit 2, nothing written, file unchanged;
          --no-history writes none; a read-only history keeps the outputs
previous  --previous summary.json is compared with (and the pack still recorded);
          a file that is not a boardpack summary.json is refused
batch     batch records each pack in OUT_DIR/history.sqlite; --no-history none
concurrent  four builds at once into one history: every pack recorded
"""
import argparse
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

SEP, OCT, NOV = "2026-09-30", "2026-11-21", "2026-11-25"


def run(args, bp, expect, cwd=None):
    p = subprocess.run([bp] + args, capture_output=True, text=True, cwd=cwd)
    if p.returncode not in expect:
        raise AssertionError(f"boardpack {' '.join(args)}: exit {p.returncode}, wanted {expect}\n"
                             f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def plans_only(samples, work):
    d = fresh(os.path.join(work, "plans"))
    for name in sorted(os.listdir(samples)):
        if name.startswith("plan-") and name.endswith(".xlsx"):
            shutil.copy(os.path.join(samples, name), d)
    return d


def rows(db, sql, *params):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def same_as_summary(db, pack, period, summary_path):
    """The history's record of (pack, period) holds exactly what summary.json says."""
    with open(summary_path, encoding="utf-8") as fh:
        s = json.load(fh)
    packs = rows(db, "SELECT id, report_date, tool_version FROM packs WHERE pack = ? AND period = ?", pack, period)
    check(len(packs) == 1, f"{pack} {period}: {len(packs)} rows in packs, wanted 1")
    pid, report_date, version = packs[0]
    check(report_date == s["report_date"], f"report_date {report_date} != summary.json's {s['report_date']}")
    check(version == s["tool"]["version"], f"tool_version {version} != {s['tool']['version']}")
    sha = {i["file"]: i.get("sha256", "") for i in s["inputs"]}
    got = rows(db, "SELECT ref, section, action, status, due, source_file, source_sha256 FROM actions "
                   "WHERE pack_id = ? ORDER BY rowid", pid)
    want = [(a["ref"], a["section"], a["action"], a["status"], a["due"], a["source"]["file"], sha[a["source"]["file"]])
            for a in s["plan"]["actions"]]
    check(got == want, f"{pack} {period}: actions differ from summary.json:\n{got[:3]}\n{want[:3]}")
    got = rows(db, "SELECT ref, title, rating, value, unit, polarity, source_file, source_sha256 FROM measures "
                   "WHERE pack_id = ? ORDER BY rowid", pid)
    want = [(m["ref"], m["title"], m["rag"], m["value"], m["unit"], m["polarity"], m["source"]["file"],
             sha[m["source"]["file"]]) for m in s["kpis"]["measures"]]
    check(got == want, f"{pack} {period}: measures differ from summary.json:\n{got[:3]}\n{want[:3]}")
    empty = rows(db, "SELECT count(*) FROM actions WHERE pack_id = ?1 AND length(source_sha256) != 64", pid)[0][0] + \
        rows(db, "SELECT count(*) FROM measures WHERE pack_id = ?1 AND length(source_sha256) != 64", pid)[0][0]
    check(empty == 0, f"{pack} {period}: {empty} record(s) without their workbook's SHA-256")
    return len(s["plan"]["actions"]), len(s["kpis"]["measures"])


def counts(db):
    return rows(db, "SELECT (SELECT count(*) FROM packs), (SELECT count(*) FROM actions), (SELECT count(*) FROM measures)")[0]


def check_periods(bp, samples, work):
    fresh(work)
    out, db = os.path.join(work, "out", "council"), os.path.join(work, "out", "history.sqlite")
    plans = plans_only(samples, work)
    p = run(["build", plans, "--out", out, "--as-of", SEP], bp, {0, 1})
    check(os.path.isfile(db), f"no history at {db} (beside the output folder)")
    check("Recorded in" in p.stdout and "as pack council, Sep 26" in p.stdout, f"no 'Recorded in' line:\n{p.stdout}")
    check("Compared with" not in p.stdout, "a first pack said it was compared with something")
    sep_actions, sep_measures = same_as_summary(db, "council", "2026-09", os.path.join(out, "summary.json"))
    check(sep_actions > 50 and sep_measures == 0, f"plan-only pack: {sep_actions} actions, {sep_measures} measures")
    check(rows(db, "PRAGMA application_id")[0][0] == 0x42504B48, "the file's application_id is not boardpack's")
    check(rows(db, "PRAGMA user_version")[0][0] == 1, "schema version is not 1")

    p = run(["build", samples, "--out", out, "--as-of", OCT], bp, {1})
    check("Compared with the pack for Sep 26 in history.sqlite" in p.stdout, f"Oct pack not compared with Sep:\n{p.stdout}")
    oct_actions, oct_measures = same_as_summary(db, "council", "2026-10", os.path.join(out, "summary.json"))
    check(oct_measures == 17 and oct_actions == sep_actions, f"Oct: {oct_actions} actions, {oct_measures} measures")
    before = counts(db)
    check(before == (2, sep_actions + oct_actions, oct_measures), f"rows after two periods: {before}")

    lst = run(["history", "--history", db], bp, {0}).stdout.splitlines()
    check(lst[0] == f"{db} holds 2 pack(s):", f"history header: {lst[0]!r}")
    check(lst[1].split() == ["pack", "period", "report", "date", "built", "at", "actions", "measures"], lst[1])
    body = [line.split() for line in lst[2:]]
    check([(r[0], r[1], r[2], r[4], r[5]) for r in body] ==
          [("council", "2026-09", SEP, str(sep_actions), "0"), ("council", "2026-10", OCT, str(oct_actions), "17")],
          f"history lists:\n" + "\n".join(lst))

    # A rebuild of Oct with the same report date: replaced, compared with Sep.
    p = run(["build", samples, "--out", out, "--as-of", OCT], bp, {1})
    check("Compared with the pack for Sep 26 in history.sqlite" in p.stdout, f"Oct rebuild compared wrongly:\n{p.stdout}")
    check(counts(db) == before, f"rows after a rebuild of Oct: {counts(db)}, were {before}")
    # A rebuild of Oct (a later report date): replaced, compared with Sep, not with itself.
    p = run(["build", samples, "--out", out, "--as-of", NOV], bp, {1})
    check("Compared with the pack for Sep 26 in history.sqlite" in p.stdout, f"Oct rebuild compared wrongly:\n{p.stdout}")
    check(counts(db) == before, f"rows after a rebuild of Oct: {counts(db)}, were {before}")
    check(rows(db, "SELECT report_date FROM packs WHERE period = '2026-10'") == [(NOV,)], "Oct's report date not replaced")
    same_as_summary(db, "council", "2026-10", os.path.join(out, "summary.json"))
    # And of Sep: replaced likewise, and nothing before it to compare with.
    p = run(["build", plans, "--out", out, "--as-of", "2026-09-15"], bp, {0, 1})
    check("Compared with" not in p.stdout, f"Sep rebuild compared with something:\n{p.stdout}")
    check(counts(db) == before, f"rows after a rebuild of Sep: {counts(db)}, were {before}")
    check(rows(db, "SELECT report_date FROM packs WHERE period = '2026-09'") == [("2026-09-15",)], "Sep not replaced")

    # --history FILE elsewhere; `boardpack history` on a missing file says so (exit 2).
    other = os.path.join(work, "elsewhere.sqlite")
    run(["build", samples, "--out", out, "--as-of", OCT, "--history", other], bp, {1})
    check(counts(other) == (1, oct_actions, 17), f"--history FILE: {counts(other)}")
    check(counts(db) == before, "--history FILE also wrote the default history")
    p = run(["history", "--history", os.path.join(work, "none.sqlite")], bp, {2})
    check("does not exist" in p.stderr, p.stderr)
    check(not os.path.exists(os.path.join(work, "none.sqlite")), "history created a missing file")


def check_concurrent(bp, samples, work):
    """Four builds at once into one history: each waits for the others' transactions."""
    fresh(work)
    procs = [subprocess.Popen([bp, "build", samples, "--out", os.path.join(work, "out", f"p{i}"), "--as-of", OCT],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    for proc in procs:
        out, err = proc.communicate()
        check(proc.returncode == 1, f"exit {proc.returncode}:\n{err}")
        check("not recorded" not in err, err)
    db = os.path.join(work, "out", "history.sqlite")
    check(rows(db, "SELECT pack FROM packs ORDER BY pack") == [(f"p{i}",) for i in range(4)], "not every pack recorded")
    check(counts(db) == (4, 4 * 62, 4 * 17), f"rows: {counts(db)}")


def check_refused(bp, samples, work):
    fresh(work)
    out = os.path.join(work, "out", "pack")
    text = os.path.join(work, "notes.txt")
    with open(text, "w") as fh:
        fh.write("not a database\n" * 100)
    p = run(["build", samples, "--out", out, "--history", text], bp, {2})
    check("is not a boardpack history (not an SQLite database)" in p.stderr and "nothing was written" in p.stderr, p.stderr)
    check(not os.path.exists(out), "outputs written with a bad history")
    check(open(text).read() == "not a database\n" * 100, "the text file was changed")

    foreign = os.path.join(work, "crm.db")
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers (name TEXT)")
    con.commit()
    con.close()
    p = run(["build", samples, "--out", out, "--history", foreign], bp, {2})
    check("is an SQLite database but not a boardpack history" in p.stderr, p.stderr)
    check(rows(foreign, "SELECT name FROM sqlite_master") == [("customers",)], "another program's database was changed")
    p = run(["history", "--history", foreign], bp, {2})
    check("not a boardpack history" in p.stderr, p.stderr)

    p = run(["build", samples, "--out", out, "--history", os.path.join(out, "h.sqlite")], bp, {2})
    check("is inside the output folder" in p.stderr, p.stderr)

    # A build that writes nothing records nothing: --strict with errors, no table at all.
    p = run(["build", samples, "--out", out, "--strict"], bp, {1})
    check(not os.path.exists(os.path.join(work, "out", "history.sqlite")), "a --strict refusal was recorded")
    p = run(["build", text, "--out", out], bp, {2})
    check(not os.path.exists(os.path.join(work, "out", "history.sqlite")), "a build of nothing was recorded")
    p = run(["build", samples, "--out", out, "--no-history"], bp, {1})
    check(not os.path.exists(os.path.join(work, "out", "history.sqlite")), "--no-history wrote a history")
    check("Recorded in" not in p.stdout, p.stdout)
    p = run(["build", samples, "--out", out, "--no-history", "--history", text], bp, {2})

    # A read-only history: the outputs stand, a warning says the pack was not recorded.
    # As root (CI) the build runs as nobody, since root writes through file permissions.
    as_user = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            print("read-only history: skipped (root, and no setpriv to run as another user)")
            return
        as_user = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    ro = fresh(os.path.join(work, "ro"))
    db, out = os.path.join(ro, "history.sqlite"), os.path.join(ro, "pack")
    run(["build", samples, "--out", out, "--as-of", OCT, "--history", db], bp, {1})
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.chmod(ro, 0o555)
    try:
        outs = fresh(os.path.join(work, "outs"))
        os.chmod(outs, 0o777)
        out = os.path.join(outs, "pack")
        p = subprocess.run(as_user + [bp, "build", samples, "--out", out, "--as-of", NOV, "--history", db],
                           capture_output=True, text=True)
        check(p.returncode == 1, f"read-only history: exit {p.returncode}, wanted the build's 1\n{p.stderr}")
        check("the pack was written but not recorded in the history" in p.stderr and "cannot be written" in p.stderr,
              p.stderr)
        check("Compared with the pack for Oct 26 in history.sqlite" not in p.stdout, "compared with its own period")
        check(os.path.isfile(os.path.join(out, "summary.json")), "outputs lost to a read-only history")
        check(rows(db, "SELECT report_date FROM packs") == [(OCT,)], "read-only history changed")
    finally:
        os.chmod(ro, stat.S_IRWXU)
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)


def check_previous(bp, samples, work):
    fresh(work)
    plans = plans_only(samples, work)
    sep, oct_ = os.path.join(work, "sep"), os.path.join(work, "oct")
    run(["build", plans, "--out", sep, "--as-of", SEP, "--no-history"], bp, {0, 1})
    p = run(["build", samples, "--out", oct_, "--as-of", OCT, "--previous", os.path.join(sep, "summary.json")], bp, {1})
    check(f"Compared with the pack for Sep 26 in {os.path.join(sep, 'summary.json')}" in p.stdout, p.stdout)
    db = os.path.join(work, "history.sqlite")
    check(rows(db, "SELECT pack, period FROM packs") == [("oct", "2026-10")], "--previous: the pack was not recorded")

    # The same month given as the previous one: compared, with a warning.
    p = run(["build", samples, "--out", os.path.join(work, "oct2"), "--as-of", OCT, "--no-history",
             "--previous", os.path.join(oct_, "summary.json")], bp, {1})
    check("warning: --previous" in p.stderr and "is the pack of Oct 26, not of a month before this one (Oct 26)" in p.stderr,
          p.stderr)

    bad = os.path.join(work, "bad.json")
    with open(bad, "w") as fh:
        json.dump({"tool": {"name": "something else"}}, fh)
    shutil.rmtree(oct_)
    p = run(["build", samples, "--out", oct_, "--previous", bad], bp, {2})
    check("is not a boardpack summary.json" in p.stderr and "nothing was written" in p.stderr, p.stderr)
    check(not os.path.exists(oct_), "outputs written with a bad --previous")
    p = run(["build", samples, "--out", oct_, "--previous", os.path.join(sep, "scorecard.xlsx")], bp, {2})
    check("is not a boardpack summary.json (not JSON" in p.stderr, p.stderr)


def check_batch(bp, samples, work):
    fresh(work)
    inp = fresh(os.path.join(work, "in"))
    shutil.copytree(plans_only(samples, work), os.path.join(inp, "plans"))
    shutil.copy(os.path.join(samples, "kpi-highlight-indicators.xlsx"), inp)
    os.makedirs(os.path.join(inp, "history.sqlite"))  # a pack folder of the history's name
    shutil.copy(os.path.join(samples, "plan-workforce.xlsx"), os.path.join(inp, "history.sqlite"))
    out = os.path.join(work, "out")
    run(["batch", inp, "--out", out, "--as-of", OCT, "--jobs", "2"], bp, {0, 1})
    db = os.path.join(out, "history.sqlite")
    check(os.path.isfile(db), "batch wrote no OUT_DIR/history.sqlite")
    got = rows(db, "SELECT pack, period FROM packs ORDER BY pack")
    check(got == [("history.sqlite-2", "2026-11"), ("kpi-highlight-indicators", "2026-10"), ("plans", "2026-11")],
          f"batch packs: {got}")
    for pack, period in got:
        same_as_summary(db, pack, period, os.path.join(out, pack, "summary.json"))
    before = counts(db)
    run(["batch", inp, "--out", out, "--as-of", NOV], bp, {0, 1})
    check(counts(db) == before, f"batch rerun: {counts(db)}, were {before}")
    check(rows(db, "SELECT report_date FROM packs WHERE pack = 'plans'") == [(NOV,)], "batch rerun not recorded")
    p = run(["batch", inp, "--out", out, "--history", os.path.join(out, "plans", "h.sqlite")], bp, {2})
    check("is inside a pack's folder" in p.stderr, p.stderr)
    check(not os.path.exists(os.path.join(out, "plans", "h.sqlite")), "a history was made inside a pack's folder")
    out2 = os.path.join(work, "out2")
    run(["batch", inp, "--out", out2, "--no-history"], bp, {0, 1})
    check(not os.path.exists(os.path.join(out2, "history.sqlite")), "batch --no-history wrote a history")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--boardpack", required=True)
    ap.add_argument("--samples", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--check", required=True, choices=["periods", "refused", "previous", "batch", "concurrent"])
    a = ap.parse_args()
    work = os.path.join(a.work, a.check)
    try:
        globals()["check_" + a.check](os.path.abspath(a.boardpack), os.path.abspath(a.samples), work)
    except AssertionError as e:
        print(f"FAIL history.{a.check}: {e}")
        return 1
    print(f"ok history.{a.check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
