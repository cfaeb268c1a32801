"""Tests of `boardpack batch`: packs in parallel (same results as one at a
time), a bad file in the batch, exit codes, the plain output when stdout is
not a terminal and the bar when it is, and --watch picking up dropped files.

Environment: BOARDPACK (the binary), SAMPLES (samples/), WORK (scratch)."""

import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BOARDPACK = os.environ.get("BOARDPACK", "boardpack")
SAMPLES = os.environ.get("SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))
WORK = os.environ.get("WORK") or tempfile.mkdtemp(prefix="bp-batch-")
AS_OF = ["--as-of", "2026-11-21"]


def fresh_dir(*parts):
    d = os.path.join(WORK, *parts)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def copy_sample(name, *dest):
    os.makedirs(os.path.join(*dest[:-1]) if len(dest) > 1 else dest[0], exist_ok=True)
    shutil.copyfile(os.path.join(SAMPLES, name), os.path.join(*dest))


def sample_bytes(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def batch(*args, timeout=120):
    return subprocess.run([BOARDPACK, "batch", *args, *AS_OF], capture_output=True, text=True, timeout=timeout)


def summary(out, pack):
    with open(os.path.join(out, pack, "summary.json")) as f:
        return json.load(f)


def table_rows(stdout):
    """The summary table as {pack: [inputs, errors, warnings, outputs, result]}."""
    rows = {}
    lines = stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if re.match(r"Pack\s+Inputs\s+Errors\s+Warnings\s+Outputs\s+Result", l))
    for line in lines[start + 1:]:
        if not line.strip() or line.startswith("Total"):
            break
        name, inputs, errors, warnings, outputs, result = re.match(r"(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(.+)$", line).groups()
        rows[name] = [int(inputs), int(errors), int(warnings), int(outputs), result]
    return rows


def make_council(root):
    """Two teams' folders, two loose KPI workbooks."""
    for name in ["plan-childrens-social-work.xlsx", "plan-front-door-assessment.xlsx", "plan-early-help-partnerships.xlsx"]:
        copy_sample(name, root, "childrens-services", name)
    for name in ["plan-qa-performance-leadership.xlsx", "plan-workforce.xlsx"]:
        copy_sample(name, root, "workforce", name)
    copy_sample("kpi-highlight-indicators.xlsx", root, "kpi-highlight-indicators.xlsx")
    copy_sample("kpi-reviews-care-leavers.xlsx", root, "kpi-reviews-care-leavers.xlsx")


class BatchTest(unittest.TestCase):
    def test_parallel_packs_match_one_at_a_time(self):
        inp = fresh_dir("parallel", "in")
        make_council(inp)
        # Lock files, hidden files and other files are not packs.
        open(os.path.join(inp, "~$kpi-highlight-indicators.xlsx"), "w").close()
        open(os.path.join(inp, ".DS_Store"), "w").close()
        open(os.path.join(inp, "readme.txt"), "w").close()
        out4, out1 = fresh_dir("parallel", "out4"), fresh_dir("parallel", "out1")
        r4 = batch(inp, "--out", out4, "--jobs", "4")
        r1 = batch(inp, "--out", out1, "--jobs", "1")
        self.assertEqual(r4.returncode, 1, r4.stdout + r4.stderr)  # the samples carry deliberate errors
        self.assertEqual(r1.returncode, 1)
        packs = ["childrens-services", "kpi-highlight-indicators", "kpi-reviews-care-leavers", "workforce"]
        self.assertEqual(sorted(os.listdir(out4)), sorted(packs + ["history.sqlite"]))
        for p in packs:
            self.assertEqual(summary(out4, p), summary(out1, p), p)
        rows = table_rows(r4.stdout)
        self.assertEqual(sorted(rows), packs)
        self.assertEqual(rows["childrens-services"][:3], [3, 2, 5])
        self.assertEqual(rows["workforce"][0:2], [2, 1])
        self.assertEqual(rows["kpi-highlight-indicators"][:3] + rows["kpi-highlight-indicators"][4:], [1, 0, 4, "warnings"])
        for p in packs:  # the outputs column counts what is in the pack's folder (beside boardpack's manifest)
            listed = os.listdir(os.path.join(out4, p))
            written = [n for d, _, ns in os.walk(os.path.join(out4, p)) for n in ns if not n.startswith(".")]
            self.assertEqual(rows[p][3], len(written), p)  # the checked copies in returns/ too
            self.assertIn("summary.json", listed)
            self.assertIn(".boardpack-manifest.json", listed)
        self.assertEqual(rows["workforce"][4], "errors")
        self.assertEqual([i["file"] for i in summary(out4, "workforce")["inputs"]],
                         [os.path.join(inp, "workforce", n) for n in ["plan-qa-performance-leadership.xlsx", "plan-workforce.xlsx"]])

    def test_a_bad_file_spoils_only_its_own_pack(self):
        inp, out = fresh_dir("bad", "in"), fresh_dir("bad", "out")
        make_council(inp)
        with open(os.path.join(inp, "broken.xlsx"), "w") as f:
            f.write("Team,Action\nA,B\n")
        open(os.path.join(inp, "zero.xlsx"), "w").close()
        with open(os.path.join(inp, "old-format.xls"), "wb") as f:
            f.write(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
        with open(os.path.join(inp, "workforce", "cut-short.xlsx"), "wb") as f:
            f.write(sample_bytes("plan-workforce.xlsx")[:3000])
        os.makedirs(os.path.join(inp, "empty-folder"))
        r = batch(inp, "--out", out)
        self.assertEqual(r.returncode, 2, "the worst pack decides: nothing could be built for broken.xlsx")
        rows = table_rows(r.stdout)
        self.assertEqual(rows["broken"], [1, 1, 0, 0, "unreadable"])
        self.assertEqual(rows["zero"][4], "unreadable")
        self.assertEqual(rows["old-format"][4], "unreadable")
        self.assertEqual(rows["empty-folder"], [0, 0, 0, 0, "no workbooks"])
        # The folder with one damaged workbook among good ones is still built, with the damage as an error.
        self.assertEqual(rows["workforce"][0], 3)
        self.assertEqual(rows["workforce"][4], "errors")
        wf = summary(out, "workforce")
        self.assertIn("unreadable", [i["status"] for i in wf["inputs"]])
        for good in ["childrens-services", "kpi-highlight-indicators", "kpi-reviews-care-leavers", "workforce"]:
            self.assertTrue(os.path.exists(os.path.join(out, good, "summary.json")), good)
        for bad in ["broken", "zero", "old-format", "empty-folder"]:
            self.assertFalse(os.path.exists(os.path.join(out, bad, "summary.json")), bad)
        self.assertIn("broken: broken.xlsx is not an .xlsx workbook", r.stdout)
        self.assertIn("old-format: old-format.xls is a legacy Excel 97-2003 (.xls) workbook", r.stdout)
        self.assertIn("zero: zero.xlsx is empty", r.stdout)

    def test_exit_codes(self):
        clean, out = fresh_dir("codes", "clean"), fresh_dir("codes", "out")
        copy_sample("kpi-highlight-indicators.xlsx", clean, "kpi-highlight-indicators.xlsx")
        self.assertEqual(batch(clean, "--out", out).returncode, 0)
        errors = fresh_dir("codes", "errors")
        copy_sample("kpi-highlight-indicators.xlsx", errors, "kpi-highlight-indicators.xlsx")
        copy_sample("plan-workforce.xlsx", errors, "plan-workforce.xlsx")
        self.assertEqual(batch(errors, "--out", out).returncode, 1)
        unreadable = fresh_dir("codes", "unreadable")
        with open(os.path.join(unreadable, "notes.xlsx"), "w") as f:
            f.write("not a workbook")
        self.assertEqual(batch(unreadable, "--out", out).returncode, 2)
        nothing = fresh_dir("codes", "nothing")
        r = batch(nothing, "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no workbooks or sub-folders", r.stderr)
        r = batch(os.path.join(WORK, "codes", "no-such-folder"), "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertIn("is not a folder", r.stderr)
        self.assertEqual(batch(clean).returncode, 2, "--out is required")
        self.assertEqual(batch(clean, "--out", out, "--jobs", "0").returncode, 2)
        r = batch(clean, "--out", out, "--template", os.path.join(WORK, "no-such-template.ini"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot open the report template", r.stderr)

    def test_rerun_replaces_outputs(self):
        inp, out = fresh_dir("rerun", "in"), fresh_dir("rerun", "out")
        copy_sample("kpi-highlight-indicators.xlsx", inp, "team.xlsx")
        copy_sample("kpi-highlight-indicators.xlsx", inp, "folder-team", "kpi.xlsx")
        for _ in range(2):
            r = batch(inp, "--out", out)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(sorted(os.listdir(out)), ["folder-team", "history.sqlite", "team"])
            self.assertEqual(table_rows(r.stdout)["folder-team"][0], 1, r.stdout)
        # OUT_DIR inside IN_DIR (or IN_DIR inside OUT_DIR) is refused before anything is made:
        # see test_output_safety.py.
        r = batch(inp, "--out", os.path.join(inp, "packs"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("is inside the input folder", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(inp, "packs")))
        shutil.rmtree(os.path.join(inp, "folder-team"))
        with open(os.path.join(inp, "team.xlsx"), "w") as f:
            f.write("now broken")
        r = batch(inp, "--out", out)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(os.listdir(os.path.join(out, "team")), [], "no stale output (nor manifest) left behind")

    def test_plain_lines_when_not_a_terminal(self):
        inp, out = fresh_dir("plain", "in"), fresh_dir("plain", "out")
        make_council(inp)
        r = batch(inp, "--out", out, "--jobs", "2")
        self.assertNotIn("\r", r.stdout)
        self.assertNotIn("\x1b", r.stdout)
        progress = [l for l in r.stdout.splitlines() if l.startswith("[")]
        self.assertEqual(len(progress), 4, r.stdout)
        for i, line in enumerate(progress):
            self.assertRegex(line, r"^\[%d/4\] [\w-]+: \d+ workbooks?, \d+ errors?, \d+ warnings? -> " % (i + 1))
        self.assertRegex(r.stdout, r"\n4 packs built in \d+\.\d s; each pack's outputs are in ")

    def test_progress_bar_on_a_terminal(self):
        inp, out = fresh_dir("tty", "in"), fresh_dir("tty", "out")
        make_council(inp)
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(BOARDPACK, [BOARDPACK, "batch", inp, "--out", out, *AS_OF])
        data = b""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        _, status = os.waitpid(pid, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 1)
        text = data.decode("utf8", "replace")
        self.assertRegex(text, r"\r\x1b\[2K\[#+\.*\] \d/4 packs  0:\d\d")
        self.assertIn("] 4/4 packs", text)
        self.assertNotRegex(text, r"\[\d/4\] ", "no plain lines on a terminal")
        self.assertIn("Pack", text)


class WatchTest(unittest.TestCase):
    def test_watch_picks_up_dropped_workbooks(self):
        inp, out = fresh_dir("watch", "in"), fresh_dir("watch", "out")
        proc = subprocess.Popen([BOARDPACK, "batch", inp, "--out", out, "--watch", "--settle-seconds", "1",
                                 "--poll-seconds", "0.2", *AS_OF], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        lines = []

        def wait_for_line(pattern, seconds=30):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                ready, _, _ = select.select([proc.stdout], [], [], 0.5)
                if ready:
                    line = proc.stdout.readline()
                    if not line:
                        break
                    lines.append(line)
                    if re.search(pattern, line):
                        return line
            self.fail("no line matching %r in %r" % (pattern, lines))

        try:
            wait_for_line(r"^Watching ")
            # A workbook copied in slowly: half, a pause shorter than the settle time, the rest.
            data = sample_bytes("plan-workforce.xlsx")
            target = os.path.join(inp, "plan-workforce.xlsx")
            with open(target, "wb") as f:
                f.write(data[: len(data) // 2])
                f.flush()
                time.sleep(0.6)
                f.write(data[len(data) // 2:])
            line = wait_for_line(r"plan-workforce: ")
            self.assertRegex(line, r"^\d\d:\d\d:\d\d plan-workforce: 1 workbook, 1 error, 2 warnings -> ")
            self.assertEqual(summary(out, "plan-workforce")["inputs"][0]["status"], "errors")
            # A team's folder dropped in.
            staging = fresh_dir("watch", "staging", "team-b")
            for name in ["kpi-highlight-indicators.xlsx", "kpi-reviews-care-leavers.xlsx"]:
                copy_sample(name, staging, name)
            shutil.move(staging, os.path.join(inp, "team-b"))
            line = wait_for_line(r"team-b: ")
            self.assertIn("team-b: 2 workbooks, 0 errors, 5 warnings", line)
            # A broken file does not stop the watch.
            with open(os.path.join(inp, "broken.xlsx"), "w") as f:
                f.write("oops")
            line = wait_for_line(r"broken: ")
            self.assertIn("nothing written", line)
            # A corrected copy of the workbook replaces the pack.
            with open(target, "wb") as f:
                f.write(sample_bytes("kpi-highlight-indicators.xlsx"))
            line = wait_for_line(r"plan-workforce: ")
            self.assertIn("0 errors, 4 warnings", line)
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                rest, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn("Stopped watching", rest)
        rows = table_rows(rest)
        self.assertEqual(sorted(rows), ["broken", "plan-workforce", "team-b"])
        self.assertEqual(len([l for l in lines if "plan-workforce:" in l]), 2, "built once per complete version")

    def test_watch_stops_on_sigterm(self):
        inp, out = fresh_dir("watch-term", "in"), fresh_dir("watch-term", "out")
        proc = subprocess.Popen([BOARDPACK, "batch", inp, "--out", out, "--watch"], stdout=subprocess.PIPE, text=True)
        self.assertTrue(proc.stdout.readline().startswith("Watching "))
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(timeout=20), 0)
        proc.stdout.close()


if __name__ == "__main__":
    unittest.main()
