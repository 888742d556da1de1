#!/bin/sh
# Installs the Debian 12 packages that building and testing kezdesu need.
# Does nothing when they are all present; otherwise uses apt-get, as root or through sudo.
# `install-deps.sh fuzz` also installs clang (with libFuzzer), which `make fuzz` needs.
set -eu

PKGS="make gcc pkg-config libncurses-dev liblmdb-dev uuid-dev libsodium-dev libzstd-dev \
libcmocka-dev gettext tmux python3"
if [ "${1:-}" = fuzz ]; then
	PKGS="$PKGS clang"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "install-deps: need root or sudo to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >&2
