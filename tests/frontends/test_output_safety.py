"""Data-loss cases of `build` and `batch` (issue 10): boardpack removes or replaces
only files it wrote itself (its manifest says which), refuses an output folder
that overlaps the inputs however spelled, cleans what a killed run left, and
never shows a mix of two packs.

Every case that must not touch the user's files compares the whole tree,
byte for byte, before and after.

Environment: BOARDPACK (the binary), SAMPLES (samples/), WORK (scratch)."""

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest

BOARDPACK = os.environ.get("BOARDPACK", "boardpack")
SAMPLES = os.environ.get("SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))
WORK = os.environ.get("WORK") or tempfile.mkdtemp(prefix="bp-safety-")
AS_OF = ["--as-of", "2026-11-21"]
OUTPUTS = {"scorecard.xlsx", "board-report.pdf", "summary.json"}
MANIFEST = ".boardpack-manifest.json"
# batch's history of the packs, beside their folders (a journal too, when killed mid-record)
HISTORY = "history.sqlite"
# boardpack's temporaries: files, staging folders, and the older form (before the manifest)
TEMP = re.compile(r"\.boardpack-(tmp|stage)-|^\..+\.tmp-\d+-\d+$")


def fresh_dir(*parts):
    d = os.path.join(WORK, *parts)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def copy_sample(name, dest):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    shutil.copyfile(os.path.join(SAMPLES, name), dest)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def run(*args, env=None, timeout=180, as_of=True):
    return subprocess.run([BOARDPACK, *args, *(AS_OF if as_of else [])], capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, **(env or {})))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def tree(root):
    """Every entry under root (hidden ones included) with its content's hash or link target."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for n in dirnames + filenames:
            p = os.path.join(dirpath, n)
            rel = os.path.relpath(p, root)
            if os.path.islink(p):
                out[rel] = "-> " + os.readlink(p)
            elif os.path.isdir(p):
                out[rel] = "dir"
            else:
                out[rel] = sha256(p)
    return out


def strays(root):
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, ds, fs in os.walk(root) for n in ds + fs
                  if TEMP.search(n))


def pack_state(d):
    """'complete' (the outputs are exactly the manifest's set, each matching), 'empty' (no output,
    no manifest), or what is wrong."""
    names = set(os.listdir(d)) if os.path.isdir(d) else set()
    outputs = names & OUTPUTS
    if MANIFEST not in names:
        return "empty" if not outputs else "outputs without a manifest: %s" % sorted(outputs)
    with open(os.path.join(d, MANIFEST)) as f:
        m = json.load(f)
    if m.get("state") != "complete":
        return "manifest says %s" % m.get("state")
    listed = {e["name"]: e for e in m["files"]}
    # The checked copies (returns/) are listed too: exactly those present.
    copies = {n for n in listed if n.startswith("returns/")}
    present = {"returns/" + n for n in os.listdir(os.path.join(d, "returns"))} if os.path.isdir(os.path.join(d, "returns")) else set()
    if set(listed) - copies != OUTPUTS or outputs != OUTPUTS or copies != present:
        return "listed %s, present %s" % (sorted(listed), sorted(outputs | present))
    for n, e in listed.items():
        p = os.path.join(d, n)
        if os.path.getsize(p) != e["bytes"] or sha256(p) != e["sha256"]:
            return "%s does not match the manifest" % n
    return "complete"


def team_folders(root, count, names=("plan-workforce.xlsx", "kpi-highlight-indicators.xlsx")):
    for i in range(count):
        for n in names:
            copy_sample(n, os.path.join(root, "team-%02d" % i, n))


class OverlapTest(unittest.TestCase):
    """An output folder that is, lies in, holds or aliases an input: refused, exit 2, nothing touched."""

    def setUp(self):
        self.root = fresh_dir("overlap")
        self.inp = os.path.join(self.root, "in")
        # A team's real plan that happens to be called scorecard.xlsx, and one called summary.json.
        copy_sample("plan-workforce.xlsx", os.path.join(self.inp, "workforce", "scorecard.xlsx"))
        write(os.path.join(self.inp, "workforce", "summary.json"), '{"the team": "own notes"}\n')
        copy_sample("kpi-highlight-indicators.xlsx", os.path.join(self.inp, "kpi.xlsx"))
        self.before = tree(self.root)

    def refused(self, *args, says=None):
        r = run(*args)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        if says:
            self.assertRegex(r.stderr, says)
        self.assertEqual(tree(self.root), self.before, "files changed by a refused run: %s" % (args,))
        return r

    def test_batch_out_equal_to_or_inside_in(self):
        for _ in range(2):  # a rerun is refused the same way, and has nothing to mistake for packs
            self.refused("batch", self.inp, "--out", self.inp, says=r"is the input .* itself")
        self.refused("batch", self.inp, "--out", os.path.join(self.inp, "sub"), says="is inside the input folder")
        self.refused("batch", self.inp, "--out", os.path.join(self.inp, "workforce"), says="is inside the input folder")
        self.refused("batch", self.inp, "--out", os.path.join(self.inp, "new", "deeper"), says="is inside the input folder")

    def test_batch_in_inside_out(self):
        self.refused("batch", self.inp, "--out", self.root, says="is inside the output folder")
        self.refused("batch", os.path.join(self.inp, "workforce"), "--out", self.inp, says="is inside the output folder")

    def test_batch_out_through_a_symlink_or_dotdot(self):
        link = os.path.join(self.root, "link")
        os.symlink(os.path.join(self.inp, "workforce"), link)
        self.before = tree(self.root)
        r = self.refused("batch", self.inp, "--out", link, says="through a symlink")
        self.assertIn(os.path.realpath(link), r.stderr, "the message names the real folder")
        self.refused("batch", self.inp, "--out", os.path.join(link, "packs"), says="is inside the input folder")
        self.refused("batch", self.inp, "--out", os.path.join(self.inp, "workforce", "..", "packs"))
        up = os.path.join(self.inp, "workforce", "up")  # a link inside IN to IN's parent
        os.symlink(self.root, up)
        self.before = tree(self.root)
        self.refused("batch", os.path.join(up, "in"), "--out", os.path.join(self.inp, "x"), says="is inside the input folder")
        self.refused("batch", self.inp, "--out", os.path.join(up, "in", "x"), says="is inside the input folder")
        self.refused("batch", self.inp, "--out", os.path.join(up, "in", "workforce", "up", "in"), says="itself")

    def test_batch_out_through_a_bind_mount(self):
        alias = os.path.join(self.root, "alias")
        os.makedirs(alias)
        self.before = tree(self.root)
        script = 'mount --bind "$1" "$2" && exec "$3" batch "$1" --out "$2/packs" %s' % " ".join(AS_OF)
        try:
            r = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", self.inp, alias, BOARDPACK],
                               capture_output=True, text=True, timeout=60)
        except FileNotFoundError:
            self.skipTest("no unshare")
        if "mount" in r.stderr and r.returncode != 2:
            self.skipTest("bind mounts not allowed here: " + r.stderr.strip())
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("is inside the input folder", r.stderr)
        self.assertEqual(tree(self.root), self.before)

    def test_build_out_overlapping_an_input(self):
        self.refused("build", self.inp, "--out", self.inp, says="itself")
        self.refused("build", self.inp, "--out", os.path.join(self.inp, "pack"), says="is inside the input folder")
        self.refused("build", os.path.join(self.inp, "kpi.xlsx"), "--out", self.inp, says="is inside the output folder")
        self.refused("build", os.path.join(self.inp, "workforce"), "--out", self.root, says="is inside the output folder")
        link = os.path.join(self.root, "link")
        os.symlink(self.inp, link)
        self.before = tree(self.root)
        self.refused("build", self.inp, "--out", os.path.join(link, "pack"), says="through a symlink")


class InTheWayTest(unittest.TestCase):
    """A file with an output's name that boardpack did not write (or that was edited since) stays as it is."""

    def test_broken_build_keeps_the_users_files(self):
        root = fresh_dir("way-broken")
        out = os.path.join(root, "D")
        write(os.path.join(out, "scorecard.xlsx"), "the user's own scorecard\n")
        write(os.path.join(out, "summary.json"), '{"the user": "own summary"}\n')
        write(os.path.join(root, "broken.xlsx"), "not a workbook\n")
        before = tree(out)
        r = run("build", os.path.join(root, "broken.xlsx"), "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(tree(out), before)
        self.assertIn("scorecard.xlsx and ", r.stderr)
        self.assertIn("were not written by boardpack", r.stderr)
        self.assertIn("move them out of", r.stderr)

    def test_good_build_refuses_before_writing_anything(self):
        root = fresh_dir("way-good")
        out = os.path.join(root, "D")
        write(os.path.join(out, "summary.json"), '{"the user": "own summary"}\n')
        before = tree(out)
        r = run("build", os.path.join(SAMPLES, "kpi-highlight-indicators.xlsx"), "--out", out)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(tree(out), before, "not even the outputs that were free to write")
        self.assertIn(os.path.join(out, "summary.json") + " was not written by boardpack", r.stderr)
        self.assertEqual(strays(root), [])

    def test_an_edited_scorecard_is_not_overwritten(self):
        root = fresh_dir("way-edited")
        out = os.path.join(root, "pack")
        kpi = os.path.join(SAMPLES, "kpi-highlight-indicators.xlsx")
        self.assertEqual(run("build", kpi, "--out", out).returncode, 0)
        self.assertEqual(pack_state(out), "complete")
        # Rebuilding boardpack's own outputs is fine...
        self.assertEqual(run("build", kpi, "--out", out).returncode, 0)
        # ...until the user edits one of them.
        with open(os.path.join(out, "scorecard.xlsx"), "ab") as f:
            f.write(b"the user's edit")
        before = tree(out)
        for inputs in ([kpi], [os.path.join(SAMPLES, "plan-workforce.xlsx")]):
            r = run("build", *inputs, "--out", out)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("scorecard.xlsx was changed after boardpack wrote it", r.stderr)
            self.assertEqual(tree(out), before)
        # A broken run does not clear it either (it clears only boardpack's own files).
        write(os.path.join(root, "broken.xlsx"), "oops")
        self.assertEqual(run("build", os.path.join(root, "broken.xlsx"), "--out", out).returncode, 2)
        self.assertEqual(tree(out), before)

    def test_out_dot_beside_the_users_files(self):
        root = fresh_dir("way-dot")
        here = os.path.join(root, "documents")
        write(os.path.join(here, "notes.txt"), "mine\n")
        copy_sample("plan-workforce.xlsx", os.path.join(here, "old", "budget.xlsx"))
        users = tree(here)
        inputs = [os.path.join(SAMPLES, "kpi-highlight-indicators.xlsx")]
        for _ in range(2):
            r = subprocess.run([BOARDPACK, "build", *inputs, "--out", ".", *AS_OF], cwd=here, capture_output=True,
                               text=True, timeout=120)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(pack_state(here), "complete")
            self.assertEqual({k: v for k, v in tree(here).items() if k in users}, users, "the user's files untouched")
            self.assertEqual(strays(here), [])
        # A run that builds nothing removes boardpack's outputs, and only those.
        write(os.path.join(root, "broken.xlsx"), "oops")
        r = subprocess.run([BOARDPACK, "build", os.path.join(root, "broken.xlsx"), "--out", ".", *AS_OF], cwd=here,
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(tree(here), users)

    def test_folder_writable_but_not_its_parent_and_another_users_folder(self):
        if os.geteuid() != 0 or not shutil.which("setpriv"):
            self.skipTest("needs root and setpriv to act as another user")
        root = fresh_dir("way-perms")
        os.chmod(root, 0o755)
        out = os.path.join(root, "pack")  # the user may write in it, not beside it: no staging folder there
        os.makedirs(out)
        os.chown(out, 65534, 65534)
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", BOARDPACK]
        for n in ("kpi-highlight-indicators.xlsx", "plan-workforce.xlsx"):
            r = subprocess.run(as_nobody + ["build", os.path.join(SAMPLES, n), "--out", out, *AS_OF],
                               capture_output=True, text=True, timeout=120)
            self.assertIn(r.returncode, (0, 1), r.stderr)
            self.assertEqual(pack_state(out), "complete")
            self.assertEqual(strays(root), [])
        # Built by another user (root here) over nobody's pack: the folder stays nobody's.
        self.assertEqual(run("build", os.path.join(SAMPLES, "kpi-highlight-indicators.xlsx"), "--out", out).returncode, 0)
        self.assertEqual(pack_state(out), "complete")
        self.assertEqual(os.stat(out).st_uid, 65534)

    def test_batch_pack_folder_with_a_users_file(self):
        root = fresh_dir("way-batch")
        inp, out = os.path.join(root, "in"), os.path.join(root, "out")
        team_folders(inp, 2)
        write(os.path.join(out, "team-01", "board-report.pdf"), "the user's own report\n")
        before = tree(out)
        r = run("batch", inp, "--out", out)
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"team-01: .*board-report.pdf was not written by boardpack")
        self.assertEqual(pack_state(os.path.join(out, "team-00")), "complete", "the other pack is built")
        self.assertEqual({k: v for k, v in tree(out).items() if k.startswith("team-01")}, before)


    def test_template_never_overwrites_a_file_unasked(self):
        root = fresh_dir("way-template")
        mine = os.path.join(root, "plan.xlsx")
        write(mine, "the team's own plan\n")
        before = tree(root)
        r = run("template", "plan", "--out", mine, as_of=False)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("already exists", r.stderr)
        self.assertEqual(tree(root), before)
        r = run("template", "plan", "--out", mine, "--force", as_of=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(mine, "rb") as fh:
            self.assertEqual(fh.read(2), b"PK", "replaced with the template when asked")


class RerunTest(unittest.TestCase):
    def test_team_file_called_scorecard_is_read(self):
        root = fresh_dir("rerun-scorecard")
        inp, out = os.path.join(root, "in"), os.path.join(root, "out")
        copy_sample("plan-workforce.xlsx", os.path.join(inp, "workforce", "scorecard.xlsx"))
        copy_sample("kpi-highlight-indicators.xlsx", os.path.join(inp, "workforce", "summary.xlsx"))
        for _ in range(2):
            r = run("batch", inp, "--out", out)
            self.assertEqual(r.returncode, 1, r.stdout + r.stderr)  # plan-workforce carries a deliberate error
            with open(os.path.join(out, "workforce", "summary.json")) as f:
                s = json.load(f)
            self.assertEqual(sorted(os.path.basename(i["file"]) for i in s["inputs"]), ["scorecard.xlsx", "summary.xlsx"])
            self.assertEqual([i["status"] for i in s["inputs"] if i["file"].endswith("scorecard.xlsx")], ["errors"])
        r = run("build", os.path.join(inp, "workforce"), "--out", os.path.join(root, "built"))
        self.assertIn("scorecard.xlsx", r.stdout)
        with open(os.path.join(root, "built", "summary.json")) as f:
            self.assertEqual(len(json.load(f)["inputs"]), 2)
        # A pack was once written into a team's folder; the team then saved its own plan over
        # scorecard.xlsx. The manifest still lists that name, but not that content: it is read.
        team = os.path.join(root, "in2", "team")
        self.assertEqual(run("build", os.path.join(SAMPLES, "kpi-highlight-indicators.xlsx"), "--out", team).returncode, 0)
        os.remove(os.path.join(team, "scorecard.xlsx"))
        copy_sample("plan-workforce.xlsx", os.path.join(team, "scorecard.xlsx"))
        self.assertEqual(run("batch", os.path.join(root, "in2"), "--out", os.path.join(root, "out2")).returncode, 1)
        with open(os.path.join(root, "out2", "team", "summary.json")) as f:
            self.assertEqual([os.path.basename(i["file"]) for i in json.load(f)["inputs"]], ["scorecard.xlsx"])

    def test_outputs_are_never_packs_or_inputs(self):
        root = fresh_dir("rerun-outputs")
        inp, out = os.path.join(root, "in"), os.path.join(root, "out")
        team_folders(inp, 2)
        self.assertEqual(run("batch", inp, "--out", out).returncode, 1)
        # Batch over its own output: every folder is a pack boardpack wrote.
        r = run("batch", out, "--out", os.path.join(root, "out2"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("holds no team workbooks", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(root, "out2", "team-00")))
        # Last month's packs copied into the drop folder, beside a team: only the team is a pack,
        # and a pack copied into a team's folder is not read as that team's workbooks.
        shutil.copytree(out, os.path.join(inp, "last-month"))
        shutil.copytree(os.path.join(out, "team-00"), os.path.join(inp, "team-01", "pack-copy"))
        r = run("batch", inp, "--out", os.path.join(root, "out3"))
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("left out of", r.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(root, "out3"))), [HISTORY, "team-00", "team-01"])
        with open(os.path.join(root, "out3", "team-01", "summary.json")) as f:
            self.assertEqual(len(json.load(f)["inputs"]), 2)
        r = run("build", inp, "--out", os.path.join(root, "built"))
        with open(os.path.join(root, "built", "summary.json")) as f:
            self.assertEqual(len(json.load(f)["inputs"]), 4, "the copied packs' scorecards are not inputs")


class CrashTest(unittest.TestCase):
    """kill -9 at any moment, then a rerun: no temporary left, every pack whole or absent."""

    def check_after_kill(self, out):
        for p in os.listdir(out):
            if not p.startswith(".") and not p.startswith(HISTORY):
                self.assertEqual(pack_state(os.path.join(out, p)), "complete", p)

    def rerun_and_check(self, inp, out, packs):
        r = run("batch", inp, "--out", out, "--jobs", "2")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertEqual(strays(out), [], "temporaries of the killed run are gone")
        self.assertEqual(sorted(os.listdir(out)), sorted(packs + [HISTORY]))
        for p in packs:
            self.assertEqual(pack_state(os.path.join(out, p)), "complete", p)

    def test_kill_at_each_step_of_the_swap(self):
        root = fresh_dir("crash-steps")
        inp = os.path.join(root, "in")
        team_folders(inp, 4)
        packs = sorted(os.listdir(inp))
        # "staged": the staging folder is complete, before the rename; "swapped": after the swap
        # (only over an earlier pack: a new pack folder is renamed in, not swapped), before the
        # old set is removed. ":N": at the Nth pack.
        for step, over in [("staged", False), ("staged:3", False), ("staged", True), ("swapped", True),
                           ("swapped:3", True)]:
            out = os.path.join(root, "out")
            shutil.rmtree(out, ignore_errors=True)
            if over:
                self.assertEqual(run("batch", inp, "--out", out).returncode, 1)
            r = run("batch", inp, "--out", out, "--jobs", "2", env={"BOARDPACK_TEST_KILL_AT": step})
            self.assertEqual(r.returncode, -signal.SIGKILL, (step, r.stdout, r.stderr))
            self.assertNotEqual(strays(out), [], "the kill left a staging folder (else this tests nothing)")
            self.check_after_kill(out)
            self.rerun_and_check(inp, out, packs)

    def test_kill_in_place_beside_the_users_files(self):
        root = fresh_dir("crash-in-place")
        out = os.path.join(root, "shared")
        write(os.path.join(out, "notes.txt"), "mine\n")
        kpi, plan = (os.path.join(SAMPLES, n) for n in ("kpi-highlight-indicators.xlsx", "plan-workforce.xlsx"))
        self.assertEqual(run("build", kpi, "--out", out).returncode, 0)
        r = run("build", plan, "--out", out, env={"BOARDPACK_TEST_KILL_AT": "replacing"})
        self.assertEqual(r.returncode, -signal.SIGKILL)
        # A mix of two packs, and the manifest says so.
        self.assertEqual(pack_state(out), "manifest says replacing")
        self.assertNotEqual(strays(out), [])
        r = run("build", plan, "--out", out)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(pack_state(out), "complete")
        self.assertEqual(strays(out), [])
        with open(os.path.join(out, "notes.txt")) as f:
            self.assertEqual(f.read(), "mine\n")
        # Killed again, then a run that builds nothing: boardpack's files (both sets) go, the user's stay.
        self.assertEqual(run("build", kpi, "--out", out, env={"BOARDPACK_TEST_KILL_AT": "replacing:2"}).returncode,
                         -signal.SIGKILL)
        write(os.path.join(root, "broken.xlsx"), "oops")
        self.assertEqual(run("build", os.path.join(root, "broken.xlsx"), "--out", out).returncode, 2)
        self.assertEqual(sorted(os.listdir(out)), ["notes.txt"])

    def test_kill_9_during_a_real_batch(self):
        root = fresh_dir("crash-real")
        inp = os.path.join(root, "in")
        team_folders(inp, 16, ("plan-workforce.xlsx", "kpi-highlight-indicators.xlsx", "plan-childrens-social-work.xlsx"))
        packs = sorted(os.listdir(inp))
        out = os.path.join(root, "out")
        started = time.monotonic()
        self.assertEqual(run("batch", inp, "--out", out, "--jobs", "2").returncode, 1)
        whole = time.monotonic() - started
        rng = random.Random(10)
        mid_write = 0
        for i in range(8):
            proc = subprocess.Popen([BOARDPACK, "batch", inp, "--out", out, "--jobs", "2", *AS_OF],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(whole * rng.uniform(0.1, 0.9))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            mid_write += bool(strays(out))
            self.check_after_kill(out)
            if i % 2:
                self.rerun_and_check(inp, out, packs)
        print("kill -9 landed mid-write in %d of 8 runs (a batch takes %.1f s)" % (mid_write, whole))
        self.rerun_and_check(inp, out, packs)


class StaleTempTest(unittest.TestCase):
    def test_only_boardpacks_own_dead_temporaries_are_removed(self):
        root = fresh_dir("stale")
        inp, out = os.path.join(root, "in"), os.path.join(root, "out")
        team_folders(inp, 1)
        self.assertEqual(run("batch", inp, "--out", out).returncode, 1)
        child = subprocess.Popen(["true"])
        child.wait()
        dead = child.pid
        pack = os.path.join(out, "team-00")
        leftovers = [".scorecard.xlsx.tmp-%d-0" % dead, ".summary.json.tmp-%d-1" % dead]  # boardpack before the manifest
        keep = [".scorecard.xlsx.tmp-%d-0" % os.getpid(),  # its process is running
                ".notes.txt.tmp-%d-0" % dead,             # not an output's name
                ".scorecard.xlsx.tmp-draft",               # not boardpack's naming
                "scorecard.xlsx.tmp-%d-0" % dead]          # not hidden: not boardpack's naming
        for n in leftovers + keep:
            write(os.path.join(pack, n), "x")
        self.assertEqual(run("batch", inp, "--out", out).returncode, 1)
        left = set(os.listdir(pack))
        self.assertEqual(left & set(leftovers), set())
        self.assertEqual(left & set(keep), set(keep))


if __name__ == "__main__":
    unittest.main()
