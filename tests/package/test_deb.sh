#!/bin/sh
# The Debian package: built with CPack from this build tree, its contents listed
# with dpkg-deb, installed into an empty root with dpkg (maintainer scripts run
# chrootless and see DPKG_ROOT, so they touch nothing on this machine), the
# installed program run, a man page rendered, and the systemd unit verified.
#   test_deb.sh BUILD_DIR WORK_DIR
set -eu
build=$1
work=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in cpack dpkg-deb dpkg dpkg-shlibdeps man; do
    command -v "$tool" >/dev/null || fail "$tool is needed (Debian: cmake, dpkg-dev, man-db)"
done
rm -rf "$work"
mkdir -p "$work"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/boardpack_*_*.deb)
[ -f "$deb" ] || fail "no boardpack_*.deb in $work/pkg"

# What it holds and depends on.
dpkg-deb --contents "$deb" | awk '{print $NF}' >"$work/contents"
for f in ./usr/bin/boardpack ./usr/lib/systemd/system/boardpack.service ./etc/boardpack/boardpack.conf \
         ./usr/share/boardpack/templates/report.ini ./usr/share/boardpack/templates/vocabulary.txt \
         ./usr/share/doc/boardpack/README.md ./usr/share/doc/boardpack/issue-codes.md \
         ./usr/share/man/man1/boardpack.1 ./usr/share/man/man1/boardpack-build.1 ./usr/share/man/man1/boardpack-serve.1 \
         ./usr/share/man/man1/boardpack-history.1; do
    grep -qx "$f" "$work/contents" || fail "$f is not in the package"
done
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libhpdf libzip libpugixml libdeflate libfmt libsqlite3 adduser fonts-dejavu-core; do
    echo "$depends" | grep -q "$lib" || fail "Depends lacks $lib: $depends"
done
recommends=$(dpkg-deb --field "$deb" Recommends)
for font in fonts-droid-fallback fonts-noto-core icc-profiles-free; do  # icc-profiles-free: pdf = archival
    echo "$recommends" | grep -q "$font" || fail "Recommends lacks $font: $recommends"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -q conffiles || fail "no conffiles"
dpkg-deb --info "$deb" conffiles | grep -qx /etc/boardpack/boardpack.conf || fail "boardpack.conf is not a conffile"

# Installed into an empty root.
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
dpkg --root="$root" --force-script-chrootless --force-depends --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -i into $root"; }
dpkg --root="$root" -s boardpack | grep -q "Status: install ok installed" || fail "not installed in $root"
version=$("$root/usr/bin/boardpack" --version)
[ "$version" = "boardpack $(dpkg-deb --field "$deb" Version)" ] || fail "installed boardpack --version says '$version'"
"$root/usr/bin/boardpack" build --help | grep -q -- "--out" || fail "installed boardpack build --help"
MANPATH="$root/usr/share/man" MANWIDTH=80 man boardpack-build 2>/dev/null | grep -q "boardpack-build" ||
    fail "man boardpack-build does not render from the installed pages"
grep -q "^ExecStart=/usr/bin/boardpack serve --host \${BOARDPACK_HOST} --port \${BOARDPACK_PORT} --work-dir /var/lib/boardpack" \
    "$root/usr/lib/systemd/system/boardpack.service" || fail "the unit's ExecStart"
for opt in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes ReadWritePaths=/var/lib/boardpack User=boardpack; do
    grep -qx "$opt" "$root/usr/lib/systemd/system/boardpack.service" || fail "the unit lacks $opt"
done
. "$root/etc/boardpack/boardpack.conf"
[ "$BOARDPACK_HOST" = 127.0.0.1 ] && [ "$BOARDPACK_PORT" = 8080 ] || fail "boardpack.conf: host $BOARDPACK_HOST port $BOARDPACK_PORT"

# The unit, as systemd reads it (with the installed program and man pages in place of /usr's).
if command -v systemd-analyze >/dev/null; then
    mkdir -p "$work/unit"
    sed "s|/usr/bin/boardpack|$root/usr/bin/boardpack|" "$root/usr/lib/systemd/system/boardpack.service" \
        >"$work/unit/boardpack.service"
    MANPATH="$root/usr/share/man" systemd-analyze verify "$work/unit/boardpack.service" || fail "systemd-analyze verify"
else
    echo "systemd-analyze not found: the unit is not verified"
fi

# Removed again, leaving the root as it was (the conffile with purge).
dpkg --root="$root" --force-script-chrootless --log=/dev/null --purge boardpack >"$work/purge.log" 2>&1 ||
    { cat "$work/purge.log"; fail "dpkg --purge"; }
[ ! -e "$root/usr/bin/boardpack" ] && [ ! -e "$root/etc/boardpack/boardpack.conf" ] || fail "purge left files"
echo "package: $(basename "$deb") built, installed into $root, verified and purged"
