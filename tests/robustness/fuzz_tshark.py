#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Corrupted captures through the real tshark with the plugin.

Every capture (pcaps/*.pcapng, pcaps/malformed/*.pcapng) is corrupted with
`editcap -E RATE --seed SEED -o OFFSET` (OFFSET 66 keeps the Ethernet, IPv4
and TCP headers of the captures' data segments, so that the corruption lands
in TLS) and run through `tshark -V` and `tshark -V -2`, each without and with
the capture's key log. Rate 0 means the capture itself, unchanged. A run fails
on:
  - a signal or an exit code that tshark without the plugin does not give;
  - a hang (tshark still running after --timeout seconds);
  - a sanitizer report (--sanitized: a plugin built with TLSTUTOR_SANITIZE);
  - a "Dissector bug", a malformed packet, a GLib warning or an assertion that
    the same run without the plugin does not print (compared per frame), and
    any malformed packet blamed on the tutor itself.
Each failing run is kept in --failures/NNN-<capture>-<how>/ with its input
and a repro.sh that runs the exact same tshark command again.
"""
import argparse
import collections
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tshark import ROOT, Tshark  # noqa: E402

PORTS = ["-o", "tlstutor.ports:443,8443"]
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:")
# Lines that tell of a dissector's trouble, in the tree or on stderr.
PROBLEM = re.compile(r"Malformed Packet|Dissector bug|DISSECTOR_ASSERT|"
                     r"CRITICAL \*\*|WARNING \*\*|assertion|Assertion")
TUTOR = re.compile(r"TLS Tutor|TLS Handshake Tutor|tlstutor", re.I)
FRAME = re.compile(r"^Frame (\d+): ")



def sanitizer_preload():
    libs = [subprocess.run(["gcc", f"-print-file-name={lib}"], check=True,
                           capture_output=True, text=True).stdout.strip()
            for lib in ("libasan.so", "libubsan.so")]
    for lib in libs:
        if not os.path.isabs(lib):
            sys.exit(f"gcc does not know {lib}: install libasan8 and libubsan1")
    return " ".join(libs)


class Runner:
    """Tshark (tests/tshark.py) with a time limit and, for a sanitized
    plugin, the sanitizer runtimes preloaded."""

    def __init__(self, workdir, plugin_so, sanitized, timeout):
        self.tshark = Tshark(workdir, plugin_so)
        self.workdir = workdir
        self.sanitized = sanitized
        self.timeout = timeout
        self.prefix = ["timeout", "-k", "5", str(timeout)]
        if sanitized:
            self.prefix = ["env", f"LD_PRELOAD={sanitizer_preload()}",
                           # Leaks are valgrind's job (valgrind.py): LSan
                           # cannot tell the plugin's from libwireshark's.
                           "ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:exitcode=86",
                           "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=87",
                           *self.prefix]

    def run(self, args, plugin=True):
        """(exit code, stdout, stderr); exit code None for a hang: timeout(1)
        stopped tshark (SIGTERM, then SIGKILL 5 s later)."""
        start = time.monotonic()
        res = self.tshark.run([*self.prefix[1:], "tshark", *args], plugin=plugin,
                              check=False, program=self.prefix[0])
        hung = time.monotonic() - start >= self.timeout
        return None if hung else res.returncode, res.stdout, res.stderr

    def command(self, args):
        """The tshark command line as run (for a report)."""
        return " ".join(["tshark", *args])


def problems(out, err):
    """Counter of (frame, line) for every line that tells of trouble."""
    found = collections.Counter()
    frame = 0
    for line in out.splitlines():
        m = FRAME.match(line)
        if m:
            frame = int(m.group(1))
        elif PROBLEM.search(line):
            found[(frame, line.strip())] += 1
    for line in err.splitlines():
        if PROBLEM.search(line):
            # Without the process id and the time, which differ between runs.
            line = re.sub(r"\(tshark:\d+\)|\d\d:\d\d:\d\d\.\d+ ", "", line.strip())
            found[(-1, line)] += 1
    return found


def describe_rc(rc):
    if rc < 0:
        return f"killed by {signal.Signals(-rc).name}"
    if rc > 128 and rc - 128 < 65:
        return f"killed by {signal.Signals(rc - 128).name}"
    return f"exit code {rc}"


def without_tutor_prefs(args):
    """The arguments less "-o tlstutor.*", which tshark refuses without the plugin."""
    out = []
    for a in args:
        if a.startswith("tlstutor.") and out[-1:] == ["-o"]:
            out.pop()
        else:
            out.append(a)
    return out


def judge(runner, args, sanitized):
    """None when the run is fine, else what went wrong (one line) and its output."""
    try:
        rc, out, err = runner.run(args)
    except UnicodeDecodeError as e:
        return f"output is not UTF-8: {e}", ""
    if sanitized and SANITIZER.search(err):
        first = next(line for line in err.splitlines() if SANITIZER.search(line))
        return f"sanitizer: {first.strip()}", err
    if rc is None:
        return f"hang: still running after {runner.timeout} s", err
    if rc < 0 or rc > 128:
        return describe_rc(rc), err
    mine = problems(out, err)
    blamed = [line for (_, line) in mine if TUTOR.search(line)]
    if blamed:
        return f"tutor blamed: {blamed[0]}", err
    if rc == 0 and not mine:
        return None
    # Something looks wrong: does tshark without the plugin do the same?
    brc, bout, berr = runner.run(without_tutor_prefs(args), plugin=False)
    if brc is None:
        return None      # tshark hangs without the plugin too: not the plugin's doing
    if rc != brc:
        return f"{describe_rc(rc)}, without the plugin {describe_rc(brc)}", err
    extra = mine - problems(bout, berr)
    if extra:
        (frame, line), _ = next(iter(extra.items()))
        where = "stderr" if frame < 0 else f"frame {frame}"
        return f"only with the plugin, {where}: {line}", err
    return None


class Failures:
    def __init__(self, folder, plugin_so, sanitized):
        self.folder = folder
        self.plugin_so = plugin_so
        self.sanitized = sanitized
        self.lock = threading.Lock()
        self.found = []

    def keep(self, runner, name, how, editcap, args, reason, err):
        with self.lock:
            n = len(self.found) + 1
            self.found.append(f"{name} {how} {' '.join(args[2:])}: {reason}")
        d = self.folder / f"{n:03d}-{Path(name).stem}-{how}"
        d.mkdir(parents=True, exist_ok=True)
        inputs = [args[1]] + [a.split(":", 1)[1] for a in args if a.startswith("tls.keylog_file:")]
        for rel in inputs:
            dst = d / "files" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(runner.workdir / rel, dst)
        (d / "stderr.txt").write_text(err)
        script = HERE / "tshark_plugin.py"
        repro = d / "repro.sh"
        repro.write_text(
            "#!/bin/bash\n"
            f"# {reason}\n"
            + (f"# input: {editcap}\n" if editcap else "")
            + "# Runs the same tshark command, as run by the check, with the same plugin.\n"
            f"exec /usr/bin/python3 {script} --plugin {self.plugin_so}"
            + (" --sanitized" if self.sanitized else "")
            + ' --files "$(dirname "$0")/files" -- '
            + " ".join(_quote(a) for a in args) + ' "$@"\n')
        repro.chmod(0o755)
        return d


def _quote(s):
    return s if re.fullmatch(r"[\w.,:/=+-]+", s) else "'" + s.replace("'", "'\\''") + "'"


def variants(capture, keys):
    """The tshark options for one input: -V and -V -2, without and with keys.
    The two-pass runs ask for Japanese, so both languages' texts are used."""
    keysets = [[]] + ([["-o", f"tls.keylog_file:{keys}"]] if keys else [])
    for passes in ([], ["-2", "-o", "tlstutor.language:ja"]):
        for k in keysets:
            yield ["-r", capture, "-V", *passes, *k, *PORTS]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plugin", type=Path, default=ROOT / "build" / "tlstutor.so")
    ap.add_argument("--sanitized", action="store_true",
                    help="the plugin is built with TLSTUTOR_SANITIZE=address,undefined")
    ap.add_argument("--rates", default="0 0.005 0.02 0.1",
                    help="editcap -E probabilities, 0 for the unchanged capture")
    ap.add_argument("--seeds", default="1 2 3")
    ap.add_argument("--offsets", default="0 66", help="editcap -o: bytes of each packet left intact")
    ap.add_argument("--timeout", type=int, default=60, help="seconds before a run counts as a hang")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--failures", type=Path,
                    help="default: build-robustness/failures (-asan with --sanitized)")
    ap.add_argument("captures", nargs="*", help="default: pcaps/*.pcapng pcaps/malformed/*.pcapng")
    opt = ap.parse_args()
    opt.failures = opt.failures or ROOT / "build-robustness" / \
        ("failures-asan" if opt.sanitized else "failures")

    if not opt.plugin.exists():
        sys.exit(f"{opt.plugin} does not exist: build it first")
    workdir = Path(tempfile.mkdtemp(prefix="tlstutor-fuzz-"))
    workdir.chmod(0o755)
    try:
        return fuzz(opt, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def fuzz(opt, workdir):
    runner = Runner(workdir, opt.plugin.resolve(), opt.sanitized, opt.timeout)
    # A run that does not load the plugin checks nothing. (Asked without a
    # capture, so that a plugin that fails on every capture fails run by run.)
    rc, out, err = runner.run(["-G", "protocols"])
    if "\ttlstutor" not in out:
        sys.exit(f"tshark does not load {opt.plugin} (rc {rc}): {err[-2000:]}")

    captures = [Path(c).resolve() for c in opt.captures] or \
        sorted((ROOT / "pcaps").glob("*.pcapng")) + sorted((ROOT / "pcaps").glob("malformed/*.pcapng"))
    shutil.rmtree(opt.failures, ignore_errors=True)
    failures = Failures(opt.failures, opt.plugin.resolve(), opt.sanitized)
    (workdir / "fuzzed").mkdir()
    (workdir / "fuzzed").chmod(0o777)

    def task(capture, rate, seed, offset):
        rel = capture.relative_to(ROOT)            # pcaps/x.pcapng, as copied by Tshark
        keys = rel.with_suffix(".keys")
        keys = str(keys) if (workdir / keys).exists() else None
        if float(rate) == 0:
            if seed != seeds[0] or offset != offsets[0]:
                return 0
            inp, how, editcap = str(rel), "unchanged", None
        else:
            how = f"E{rate}-s{seed}-o{offset}"
            inp = f"fuzzed/{capture.stem}-{how}.pcapng"
            cmd = ["editcap", "-E", rate, "--seed", str(seed), "-o", str(offset), str(rel), inp]
            subprocess.run(cmd, check=True, cwd=workdir, capture_output=True)
            (workdir / inp).chmod(0o644)
            editcap = " ".join(cmd)
        runs = 0
        for args in variants(inp, keys):
            runs += 1
            verdict = judge(runner, args, opt.sanitized)
            if verdict:
                reason, err = verdict
                d = failures.keep(runner, rel.name, how, editcap, args, reason, err)
                print(f"FAIL {rel} {how} {' '.join(args[2:])}\n     {reason}\n     {d}/repro.sh",
                      flush=True)
        if editcap:
            (workdir / inp).unlink()
        return runs

    rates, seeds, offsets = opt.rates.split(), [int(s) for s in opt.seeds.split()], \
        [int(o) for o in opt.offsets.split()]
    jobs = [(c, r, s, o) for c in captures for r in rates for s in seeds for o in offsets]
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=opt.jobs) as pool:
        runs = sum(pool.map(lambda j: task(*j), jobs))
    bad = len(failures.found)
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"fuzz_tshark: {len(captures)} captures, rates {opt.rates}, seeds {opt.seeds}, "
          f"offsets {opt.offsets}{', sanitized plugin' if opt.sanitized else ''}: "
          f"{runs} tshark runs, {bad} failed; {time.monotonic() - start:.0f} s wall, "
          f"{cpu.ru_utime + cpu.ru_stime:.0f} s CPU")
    if bad:
        print(f"failing inputs and repro.sh: {opt.failures}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
