#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Builds the Debian package wireshark-tlstutor with CPack's DEB generator:
#   packaging/build-deb.sh            -> build-deb/wireshark-tlstutor_<version>_<arch>.deb
# It installs nothing on the system (packaging/check-deb.sh does, to test the
# package). The build folder is build-deb/, apart from the developers' build/.
# Needs: cmake, gcc, pkg-config, libwireshark-dev, libglib2.0-dev, dpkg-dev
# (dpkg-shlibdeps computes the dependency on libwiresharkNN); packaging/deps.sh
# installs the build ones, dpkg-dev is checked here.
set -euo pipefail
cd "$(dirname "$0")/.."

packaging/deps.sh build
command -v dpkg-shlibdeps >/dev/null || {
  echo "dpkg-shlibdeps is missing: apt-get install dpkg-dev" >&2; exit 1; }
command -v file >/dev/null || {
  echo "file is missing (CPack needs it for dpkg-shlibdeps): apt-get install file" >&2; exit 1; }

builddir=build-deb
rm -rf "$builddir"
cmake -S . -B "$builddir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_INSTALL_PREFIX=/usr -DTLSTUTOR_USER_INSTALL=OFF -DTLSTUTOR_DEB=ON >/dev/null
cmake --build "$builddir" -j"$(nproc)" --target tlstutor
(cd "$builddir" && cpack -G DEB)

deb=$(ls "$builddir"/wireshark-tlstutor_*.deb)
echo
echo "== $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends Enhances
echo
dpkg-deb --contents "$deb" | awk '{print $1, $6}'
