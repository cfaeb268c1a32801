#!/bin/sh
# Build benchmark only: boardpack build vs the reference Python pipeline vs
# LibreOffice headless on 200 generated team workbooks.  Section (a) of
# bench/run.sh, which takes the same options (see bench/README.md).
#
#   bench/build/run.sh [--boardpack BIN] [--quick] [--report FILE] ...
set -eu
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../run.sh" "$@" --only build
