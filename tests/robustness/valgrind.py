#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""valgrind memcheck over the bundled captures, failing only on the plugin.

Each capture runs as `valgrind tshark -r X -V` with its key log (when it has
one) and the plugin, as user nobody (tests/tshark.py's Tshark). libwireshark
and GLib leak and misbehave on their own at exit; those errors are counted but
ignored. A run fails when an error's stack (any of its stacks: where it
happened, where the block was allocated or freed) has a frame in tlstutor.so:
invalid reads and writes, uses of uninitialised values, bad frees, and
definite leaks of memory the plugin allocated. It also fails when tshark
itself fails or the plugin does not show up (nothing checked).

  valgrind.py                      # every capture, pcaps/ and pcaps/malformed/
  valgrind.py --ci                 # the CI subset (CI_SUBSET below)
  valgrind.py pcaps/tls13.pcapng   # some captures
"""
import argparse
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tshark import ROOT, Tshark  # noqa: E402

# One capture for each flow and each way of ending a handshake, and the
# malformed captures that reach the plugin's less travelled paths. The whole
# set takes about four times as long (see the report in the commit).
CI_SUBSET = [
    "tls12-ecdhe-rsa", "tls12-rsa", "tls12-dhe", "tls12-client-cert", "tls12-resumed-id",
    "tls12-resumed-ticket", "tls12-renegotiation", "tls12-alert-unknown-ca",
    "tls12-closed-mid-handshake", "tls12-coalesced", "sslv2-client-hello", "tls13",
    "tls13-hrr", "tls13-psk", "tls13-early-data", "tls13-client-auth", "tls13-keyupdate",
    "malformed/truncated-mid-certificate", "malformed/midstream-certificate",
    "malformed/handshake-length-beyond-record", "malformed/unknown-handshake-type",
    # QUIC: CRYPTO frames, undecrypted Handshake packets, bad Initials.
    "quic-ngtcp2", "quic-0rtt", "malformed/quic-initial-garbage", "malformed/quic-initial-truncated",
]

VALGRIND = ["valgrind", "--tool=memcheck", "--leak-check=full",
            "--show-leak-kinds=definite", "--errors-for-leak-kinds=definite",
            "--num-callers=50", "--child-silent-after-fork=yes",
            # tshark unloads plugins before the leak check: keep their symbols.
            "--keep-debuginfo=yes",
            # Start-up allocations that live as long as tshark (see the file).
            f"--suppressions={HERE / 'valgrind.supp'}"]


def frames(stack):
    return [(f.findtext("obj") or "", f.findtext("fn") or "?",
             f"{f.findtext('file')}:{f.findtext('line')}" if f.findtext("file") else "")
            for f in stack.iter("frame")]


def describe(error):
    """The error's kind and text, then each of its stacks (where it happened,
    then where the block was allocated or freed), plugin frames marked."""
    what = error.findtext("what") or error.findtext("xwhat/text") or ""
    titles = [what] + [a.text or "" for a in error.findall("auxwhat")]
    lines = [f"{error.findtext('kind')}: {what}"]
    for i, stack in enumerate(error.findall("stack")):
        if i:
            lines.append(f"    {titles[i] if i < len(titles) else 'and'}:")
        for obj, fn, where in frames(stack)[:15]:
            mark = "*" if obj.endswith("tlstutor.so") else " "
            lines.append(f"     {mark} {fn} {where or obj}")
    return "\n".join(lines)


def plugin_errors(xml_path):
    """(all error count, [text of each error whose stacks touch tlstutor.so])"""
    root = ET.parse(xml_path).getroot()
    errors = root.findall("error")
    found = []
    for e in errors:
        if any(obj.endswith("tlstutor.so") for obj, _, _ in frames(e)):
            found.append(describe(e))
    return len(errors), found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", type=Path, default=ROOT / "build" / "tlstutor.so")
    ap.add_argument("--ci", action="store_true", help="only the CI subset")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", type=Path, help="keep valgrind's XML reports in this folder")
    ap.add_argument("captures", nargs="*")
    opt = ap.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed (apt-get install valgrind)")

    pcaps = ROOT / "pcaps"
    if opt.captures:
        captures = [Path(c).resolve() for c in opt.captures]
    elif opt.ci:
        captures = [pcaps / f"{n}.pcapng" for n in CI_SUBSET if (pcaps / f"{n}.pcapng").exists()]
    else:
        captures = sorted(pcaps.glob("*.pcapng")) + sorted(pcaps.glob("malformed/*.pcapng"))

    workdir = Path(tempfile.mkdtemp(prefix="tlstutor-valgrind-"))
    workdir.chmod(0o755)
    start = time.monotonic()
    try:
        tshark = Tshark(workdir, opt.plugin.resolve())
        (workdir / "vg").mkdir(mode=0o777)
        (workdir / "vg").chmod(0o777)
        lock = threading.Lock()
        failed = []

        def one(capture):
            rel = capture.relative_to(ROOT)
            keys = rel.with_suffix(".keys")
            xml = f"vg/{str(rel).replace('/', '_')}.xml"
            args = [*VALGRIND, "--xml=yes", f"--xml-file={xml}", "tshark", "-r", str(rel), "-V",
                    "-o", "tlstutor.ports:443,8443"]
            if (workdir / keys).exists():
                args += ["-o", f"tls.keylog_file:{keys}"]
            res = tshark.run(args[1:], program=args[0], check=False)
            problems, total, mine = [], 0, []
            if res.returncode != 0:
                problems.append(f"tshark under valgrind exited {res.returncode}: {res.stderr[-1500:]}")
            elif not capture.parent.name == "malformed" and "TLS Handshake Tutor" not in res.stdout:
                problems.append("no tutor output: the plugin did not run")
            try:
                total, mine = plugin_errors(workdir / xml)
            except (OSError, ET.ParseError) as e:
                problems.append(f"no whole valgrind report ({e}): {res.stderr[-1500:]}")
            problems += mine
            if opt.keep:
                opt.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(workdir / xml, opt.keep)
            with lock:
                status = "FAIL" if problems else "ok  "
                print(f"{status} {rel}: {total} errors from libwireshark/GLib (ignored), "
                      f"{len(mine)} from tlstutor.so", flush=True)
                for p in problems:
                    print("    " + p)
                if problems:
                    failed.append(rel)

        with ThreadPoolExecutor(max_workers=opt.jobs) as pool:
            list(pool.map(one, captures))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"valgrind: {len(captures)} captures, {len(failed)} failed, "
          f"{time.monotonic() - start:.0f} s wall, {cpu.ru_utime + cpu.ru_stime:.0f} s CPU")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
