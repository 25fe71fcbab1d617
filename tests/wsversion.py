# SPDX-License-Identifier: GPL-2.0-or-later
"""The running tshark's Wireshark version, for the few outputs that differ
between the supported versions (4.0, 4.4, 4.6): a test asserts the exact
output of the version it runs on."""
import functools
import re
import subprocess


@functools.cache
def ws_version():
    out = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"TShark \(Wireshark\) (\d+)\.(\d+)", out)
    return int(m[1]), int(m[2])


def at_least(major, minor):
    return ws_version() >= (major, minor)
