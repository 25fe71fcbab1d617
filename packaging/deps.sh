#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs the Debian packages the project needs, only those missing.
# Usage: packaging/deps.sh build|test|captures
set -euo pipefail

build=(cmake make gcc pkg-config libwireshark-dev libglib2.0-dev wireshark-dev tshark)
# python3-scapy: tests/test_malformed.py checks that pcaps/malformed/make.py remakes its captures.
# dpkg-dev and file: CPack's Debian package (dpkg-shlibdeps, and file, which
# CPack needs for it; a minimal root filesystem lacks file).
test=("${build[@]}" python3 python3-pytest python3-scapy wireshark-common util-linux dpkg-dev file apt)
# QUIC captures: caddy (HTTP/3 server), ngtcp2's example client gtlsclient
# (ngtcp2-client) and example server gtlsserver (ngtcp2-server, quic-retry).
captures=(openssl gnutls-bin python3-scapy iproute2 ethtool wireshark-common util-linux
          caddy ngtcp2-client ngtcp2-server)

case "${1:-build}" in
  build) wanted=("${build[@]}") ;;
  test) wanted=("${test[@]}") ;;
  captures) wanted=("${captures[@]}") ;;
  *) echo "usage: $0 build|test|captures" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
