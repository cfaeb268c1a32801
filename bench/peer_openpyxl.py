#!/usr/bin/python3
"""Peer reader: openpyxl in read-only mode.

    /usr/bin/python3 bench/peer_openpyxl.py FILE.xlsx

Opens FILE with load_workbook(read_only=True), walks every row of every sheet
with iter_rows(values_only=True), counts the cells whose value is not None and
prints the count.  Uses Debian's openpyxl (python3-openpyxl), hence
/usr/bin/python3.
"""

import sys

from openpyxl import load_workbook


def count_cells(path):
    wb = load_workbook(path, read_only=True)
    try:
        n = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if v is not None:
                        n += 1
        return n
    finally:
        wb.close()


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: peer_openpyxl.py FILE.xlsx")
    print(count_cells(argv[1]))


if __name__ == "__main__":
    main(sys.argv)
