#!/usr/bin/env bash
# Installs what build.ps1 needs, on Debian/Ubuntu x64 (as root, or with sudo for apt-get), to build the other platforms' libraries
# (Package) and run their Rust tests (TestPlatforms): mingw-w64 (win-x64), zig with cargo-zigbuild (Linux
# libraries linked against the glibc floor of platforms.csv), Wine and qemu-user as test runners, and the
# Rust standard libraries of those targets. Skips whatever is already there, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(gcc-mingw-w64-x86-64 wine64 qemu-user-static libc6-arm64-cross)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
if [ ${#missing[@]} -gt 0 ]; then
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Rust targets of the Linux and Windows rows of platforms.csv (macOS is built on macOS).
targets=$(awk -F, 'NR > 1 && ($2 == "Linux" || $2 == "Windows") { print $4 }' platforms.csv)
# shellcheck disable=SC2086
rustup target add $targets

# Pinned: the zig version decides how the glibc-floor libraries are linked.
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    'ziglang==0.17.1' 'cargo-zigbuild==0.24.1'
