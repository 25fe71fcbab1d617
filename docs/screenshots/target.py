# SPDX-License-Identifier: GPL-2.0-or-later
"""Prepares a private plugin folder for make.sh and picks the frame to show.

Usage: target.py WORKDIR PLUGIN_SO CAPTURE STEP [CLASS CONNECTIONS CAPTURE...]

Runs the real tshark (tests/tshark.py's Tshark: as user nobody when root, with
WIRESHARK_PLUGIN_DIR pointing at a copy of the system plugin folder plus the
freshly built plugin) on pcaps/CAPTURE.pcapng with its key log, in English and
in Japanese, and finds the tutor message with step STEP of connection 1.
Exits non-zero with a reason when the tutor does not annotate it, so that the
screenshot is never taken of a frame without the tutor.

Prints shell assignments for make.sh: the plugin folder, the copied capture and
key log (readable by nobody), the frame, the message's position among the
frame's tutor messages (0-based) and how many the frame has.

With CLASS CONNECTIONS CAPTURE...: also merges those captures (mergecap, in
time order; they do not overlap in time) into CLASS.pcapng with their key logs
joined in CLASS.keys, the capture a class would open in the Statistics and
Flow Graph windows, and checks that the tutor's statistics tree (-z
tlstutor,tree) counts CONNECTIONS connections in both languages, so that those
windows are never photographed on a capture the tutor misreads.
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from tshark import Tshark  # noqa: E402


def main():
    workdir, plugin_so, capture, step = sys.argv[1:5]
    step = int(step)
    ts = Tshark(Path(workdir), Path(plugin_so))
    pcap, keys = f"{capture}.pcapng", f"{capture}.keys"
    picked = {}
    for lang in ("en", "ja"):
        every = ts.messages(pcap, keys=keys, lang=lang)
        msgs = [m for m in every if m.conn == 1 and m.step == step]
        if len(msgs) != 1:
            sys.exit(f"target.py: {capture} ({lang}): expected one tutor message "
                     f"with step {step} in connection 1, found {len(msgs)}")
        m = msgs[0]
        in_frame = [x for x in every if x.frame == m.frame]
        picked[lang] = (m, [x.key() for x in in_frame].index(m.key()), len(in_frame))
        print(f"# {lang}: frame {m.frame}: {m.label} | {m.says}", file=sys.stderr)
    en, ja = picked["en"], picked["ja"]
    if en[0].key() != ja[0].key() or en[1:] != ja[1:]:
        sys.exit("target.py: English and Japanese runs disagree on the message")
    if en[0].says == ja[0].says or ja[0].says.isascii():
        sys.exit("target.py: the Japanese run did not give Japanese text")
    out = {
        "PLUGIN_DIR": ts.dirs["with"], "PCAP": ts.pcap(pcap), "KEYS": ts.pcap(keys),
        "FRAME": en[0].frame, "INDEX": en[1], "COUNT": en[2], "MSG": en[0].msg,
    }
    if len(sys.argv) > 5:
        out.update(merge(ts, sys.argv[5], int(sys.argv[6]), sys.argv[7:]))
    for k, v in out.items():
        print(f"{k}={shlex.quote(str(v))}")


def merge(ts, name, connections, captures):
    """CLASS_PCAP and CLASS_KEYS: the captures merged, checked with tshark."""
    pcap, keys = Path(ts.pcap(f"{name}.pcapng")), Path(ts.pcap(f"{name}.keys"))
    subprocess.run(["mergecap", "-w", str(pcap), *[ts.pcap(f"{c}.pcapng") for c in captures]],
                   check=True)
    keys.write_bytes(b"".join(Path(ts.pcap(f"{c}.keys")).read_bytes() for c in captures))
    for f in (pcap, keys):
        f.chmod(0o644)
    for lang in ("en", "ja"):
        tree = ts.run(["-r", str(pcap), *ts.opts(keys=keys.name, lang=lang),
                       "-q", "-z", "tlstutor,tree"]).stdout
        found = re.search(r"^\S.*?\s{2,}(\d+)\s", tree.split("-\n", 1)[-1], re.M)
        if not found or int(found.group(1)) != connections:
            sys.exit(f"target.py: {name} ({lang}): the statistics count "
                     f"{found and found.group(1)} connections, not {connections}:\n{tree}")
        print(f"# {lang}: {name}: {connections} connections", file=sys.stderr)
    return {"CLASS_PCAP": pcap, "CLASS_KEYS": keys}


if __name__ == "__main__":
    main()
