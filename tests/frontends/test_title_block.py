"""--title, --author and --meeting-date on build and batch: shown in the report's
title block and document info over the template's, with the position date; a
bad meeting date is refused before anything is written."""
import os
import shutil
import subprocess
import tempfile
import unittest

BOARDPACK = os.environ.get("BOARDPACK", "boardpack")
SAMPLES = os.environ.get("SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))
WORK = os.environ.get("WORK") or tempfile.mkdtemp(prefix="bp-title-")
DETAILS = ["--title", "Children's services improvement report", "--author", "Jo Bloggs, Head of Performance",
           "--meeting-date", "2026-12-10", "--as-of", "2026-11-21", "--no-history"]


def fresh(*parts):
    d = os.path.join(WORK, *parts)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def first_page(pdf):
    return " ".join(subprocess.run(["pdftotext", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout.split())


class TitleBlockTest(unittest.TestCase):
    def test_build_shows_the_details(self):
        out = os.path.join(fresh("build"), "pack")
        r = subprocess.run([BOARDPACK, "build", os.path.join(SAMPLES, "plan-workforce.xlsx"), "--out", out, *DETAILS],
                           capture_output=True, text=True)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        text = first_page(os.path.join(out, "board-report.pdf"))
        for want in ("Children's services improvement report", "Position at 21 November 2026",
                     "Meeting date 10 December 2026", "Report author Jo Bloggs, Head of Performance"):
            self.assertIn(want, text)
        self.assertNotIn("Improvement plan and performance report", text)  # the template's title, replaced
        info = subprocess.run(["pdfinfo", os.path.join(out, "board-report.pdf")], capture_output=True, text=True).stdout
        self.assertRegex(info, r"Title:\s+Children's services improvement report")
        self.assertRegex(info, r"Author:\s+Jo Bloggs, Head of Performance")

    def test_batch_shows_the_details_in_every_pack(self):
        root = fresh("batch")
        os.makedirs(os.path.join(root, "in", "workforce"))
        shutil.copyfile(os.path.join(SAMPLES, "plan-workforce.xlsx"), os.path.join(root, "in", "workforce", "p.xlsx"))
        r = subprocess.run([BOARDPACK, "batch", os.path.join(root, "in"), "--out", os.path.join(root, "out"), *DETAILS],
                           capture_output=True, text=True)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        text = first_page(os.path.join(root, "out", "workforce", "board-report.pdf"))
        self.assertIn("Meeting date 10 December 2026", text)
        self.assertIn("Children's services improvement report", text)

    def test_a_bad_meeting_date_writes_nothing(self):
        out = os.path.join(fresh("bad"), "pack")
        r = subprocess.run([BOARDPACK, "build", os.path.join(SAMPLES, "plan-workforce.xlsx"), "--out", out,
                            "--meeting-date", "10/12/2026"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--meeting-date '10/12/2026' is not a date", r.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
