#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's first command: installs what is needed, builds the plugin,
# installs it into Wireshark's system plugin folder (or, with --user, the
# personal one) and shows the tutor on a bundled capture.
set -euo pipefail
cd "$(dirname "$0")/.."

user_install=OFF
[ "${1:-}" = "--user" ] && user_install=ON

packaging/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTLSTUTOR_USER_INSTALL=$user_install >/dev/null
cmake --build build -j"$(nproc)"
SUDO=
[ "$(id -u)" -eq 0 ] || [ "$user_install" = ON ] || SUDO=sudo
$SUDO cmake --install build

echo
tshark -G plugins 2>/dev/null | grep tlstutor || { echo "tshark does not load tlstutor.so" >&2; exit 1; }
echo
echo "The tutor on pcaps/tls12-ecdhe-rsa.pcapng (Info column, then one message in full):"
tshark -r pcaps/tls12-ecdhe-rsa.pcapng -Y tlstutor 2>/dev/null
tshark -r pcaps/tls12-ecdhe-rsa.pcapng -O tlstutor -Y 'tlstutor.step == 3' 2>/dev/null | sed -n '/TLS Handshake Tutor/,$p'
