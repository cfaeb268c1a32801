"""Every option `boardpack CMD --help` lists is in docs/man/boardpack-CMD.1, and
every option a man page describes is one --help lists: the two kept in step.

    check_man_pages.py BOARDPACK MAN_DIR
"""
import pathlib
import re
import subprocess
import sys

boardpack, man_dir = sys.argv[1], pathlib.Path(sys.argv[2])
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
SHARED = {"--help", "--version"}

def help_options(args):
    out = subprocess.run([boardpack, *args, "--help"], capture_output=True, text=True, check=True).stdout
    # Only the option lines (two-space indented), not the footer's examples.
    lines = [l for l in out.splitlines() if re.match(r"\s{2}(-h,)?--", l)]
    return {m for l in lines for m in OPTION.findall(l.split()[0])}

def man_options(page):
    text = page.read_text().replace("\\-", "-")
    return set(OPTION.findall(text))

def described(page):  # the options a man page's .TP entries introduce
    text = page.read_text().replace("\\-", "-").splitlines()
    found = set()
    for i, line in enumerate(text):
        if i and text[i - 1].startswith(".TP"):
            found |= set(OPTION.findall(line))
    return found

failures = []
top = subprocess.run([boardpack, "--help"], capture_output=True, text=True, check=True).stdout
commands = re.findall(r"^\s{2}([a-z]+)\s{2,}", top.split("Subcommands:")[1], re.M)
if not commands:
    failures.append("no subcommands found in boardpack --help")
for cmd in commands:
    page = man_dir / f"boardpack-{cmd}.1"
    if not page.exists():
        failures.append(f"{page} is missing for `boardpack {cmd}`")
        continue
    in_help = help_options([cmd]) - SHARED
    in_man = man_options(page)
    for opt in sorted(in_help - in_man):
        failures.append(f"boardpack {cmd} --help lists {opt}, {page.name} does not")
    for opt in sorted(described(page) - in_help - SHARED):
        failures.append(f"{page.name} describes {opt}, boardpack {cmd} --help has no such option")
    if not re.search(r"^\.SH EXIT STATUS", page.read_text(), re.M):
        failures.append(f"{page.name} has no EXIT STATUS section")
main_page = man_dir / "boardpack.1"
for cmd in commands:
    if f"boardpack-{cmd}" not in main_page.read_text().replace("\\-", "-"):
        failures.append(f"boardpack.1 does not name boardpack-{cmd}")
for f in failures:
    print("FAIL:", f)
print(f"{len(commands)} commands checked against {man_dir}")
sys.exit(1 if failures else 0)
