"""A public report (report template: audience = public) built from samples/: counts
of children up to suppress_counts_up_to are "c" in the PDF, the scorecard and
summary.json (null, listed), with the footnote; the internal build of the same
returns keeps every number; a bad threshold is refused."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

BOARDPACK = os.environ.get("BOARDPACK", "boardpack")
SAMPLES = os.environ.get("SAMPLES", os.path.join(os.path.dirname(__file__), "..", "..", "samples"))
WORK = os.environ.get("WORK") or tempfile.mkdtemp(prefix="bp-public-")


def fresh(*parts):
    d = os.path.join(WORK, *parts)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def build(out, *extra):
    r = subprocess.run([BOARDPACK, "build", SAMPLES, "--out", out, "--as-of", "2026-11-21", "--no-history", *extra],
                       capture_output=True, text=True)
    return r


def measure(out, ref):
    with open(os.path.join(out, "summary.json")) as f:
        doc = json.load(f)
    return doc, next(m for m in doc["kpis"]["measures"] if m["ref"] == ref)


class PublicPackTest(unittest.TestCase):
    def test_small_counts_hidden_in_every_output(self):
        root = fresh("public")
        tpl = os.path.join(root, "public.ini")
        with open(tpl, "w") as f:
            # 280 hides 1.3's count of 274 in the samples; 1.4's 291 and 1.2's 790 stay.
            f.write("[report]\naudience = public\nsuppress_counts_up_to = 280\n")
        out = os.path.join(root, "pack")
        r = build(out, "--template", tpl)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        doc, m = measure(out, "1.3")
        self.assertIsNone(m["value"])
        self.assertIn("value", m["suppressed"])
        self.assertEqual(doc["suppression"]["threshold"], 280)
        self.assertEqual(measure(out, "1.4")[1]["value"], 291)
        text = " ".join(subprocess.run(["pdftotext", os.path.join(out, "board-report.pdf"), "-"],
                                       capture_output=True, text=True).stdout.split())
        self.assertIn("c: suppressed, a count of 1 to 280 children", text)
        self.assertNotIn(" 274 ", text)
        ws = openpyxl.load_workbook(os.path.join(out, "scorecard.xlsx"))["Scorecard"]
        row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "1.3")
        self.assertIn("c", row)
        self.assertNotIn(274, row)

        internal = os.path.join(root, "internal")
        self.assertIn(build(internal).returncode, (0, 1))
        doc, m = measure(internal, "1.3")
        self.assertEqual(m["value"], 274)
        self.assertNotIn("suppression", doc)

    def test_a_bad_threshold_is_refused(self):
        root = fresh("bad")
        tpl = os.path.join(root, "bad.ini")
        with open(tpl, "w") as f:
            f.write("[report]\naudience = public\nsuppress_counts_up_to = five\n")
        r = build(os.path.join(root, "pack"), "--template", tpl)
        self.assertEqual(r.returncode, 2)
        self.assertIn("suppress_counts_up_to 'five' is not a whole number from 0 to 1000", r.stderr)
        self.assertFalse(os.path.exists(os.path.join(root, "pack")))


if __name__ == "__main__":
    unittest.main()
