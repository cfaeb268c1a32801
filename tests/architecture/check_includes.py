#!/usr/bin/env python3
"""Fails when a file under src/ includes across a forbidden edge.

The layers (README, "Architecture"): dependencies point one way. Each folder
may include only the folders listed for it; the engines (xlsx, xlsx_edit, pdf) know
nothing of the product, and no renderer sees the pipeline, recognition, the
checks or the app.

    check_includes.py SRC_DIR          check the tree, list every violation
    check_includes.py --self-test      show that a violation is caught
"""
import os
import re
import sys
import tempfile

ALLOWED = {
    "util": {"util"},
    "read": {"util", "read"},
    "model": {"util", "model"},
    "recognise": {"util", "read", "model", "recognise"},
    "check": {"util", "model", "check"},
    "pipeline": {"util", "read", "model", "recognise", "check", "pipeline"},
    "xlsx": {"util", "xlsx"},
    "pdf": {"util", "pdf"},
    "xlsx_edit": {"util", "read", "xlsx_edit"},
    "render": {"util", "model", "xlsx", "xlsx_edit", "pdf", "render"},
    "history": {"util", "model", "history"},
    "app": {"util", "read", "model", "recognise", "check", "pipeline", "xlsx", "xlsx_edit", "pdf", "render", "history",
            "app"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/[^"]+"', re.M)


def violations(src):
    found = []
    for top, _, names in os.walk(src):
        rel = os.path.relpath(top, src)
        layer = rel.split(os.sep)[0]
        if layer == ".":
            continue
        for name in sorted(names):
            if not name.endswith((".hpp", ".cpp", ".in")):
                continue
            path = os.path.join(top, name)
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            if layer not in ALLOWED:
                found.append(f"{os.path.relpath(path, src)}: folder '{layer}' has no place in the layer table")
                continue
            for target in INCLUDE.findall(text):
                if target in ALLOWED and target not in ALLOWED[layer]:
                    found.append(f"{os.path.relpath(path, src)}: {layer} must not include {target}/")
    return found


def self_test():
    with tempfile.TemporaryDirectory() as d:
        for folder, include in (("render", "pipeline/pipeline.hpp"), ("xlsx", "model/pack.hpp"), ("util", "util/x.hpp")):
            os.makedirs(os.path.join(d, folder))
            with open(os.path.join(d, folder, "a.cpp"), "w") as fh:
                fh.write(f'#include "{include}"\n')
        got = violations(d)
        want = ["render/a.cpp: render must not include pipeline/", "xlsx/a.cpp: xlsx must not include model/"]
        if sorted(got) != want:
            print(f"self-test failed: got {got}, want {want}")
            return 1
    print("self-test: forbidden includes are caught")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    bad = violations(sys.argv[1])
    for b in bad:
        print(b)
    print(f"{len(bad)} include(s) across a forbidden edge")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
