#!/bin/sh
# Build benchmark: boardpack build vs the reference Python pipeline (openpyxl
# read_only + XlsxWriter + ReportLab) vs LibreOffice headless, same 200
# generated team workbooks, same run.  See bench/build/README.md.
#
#   bench/build/run.sh [--boardpack BIN] [--runs 5] [--py-runs 1] [--lo-runs 1]
#                      [--skip-libreoffice] [--work DIR] [--report FILE]
#
# Needs Debian's /usr/bin/python3 with python3-openpyxl, python3-xlsxwriter and
# python3-reportlab, fonts-dejavu-core, and soffice (libreoffice-calc-nogui)
# unless --skip-libreoffice.  BIN defaults to build/src/boardpack (a Release build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec /usr/bin/python3 "$here/bench.py" "$@"
