#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Times tshark with the tutor plugin, without it, and with the Lua
postdissector instead, and sharkd (the GUI's engine) with and without the
plugin, interleaved, and writes a results table.

tshark runs as user nobody with private plugin folders (tests/tshark.py sets
them up), since tshark as root ignores WIRESHARK_PLUGIN_DIR. Every run's wall
time is taken around the process, and its peak memory with GNU time (%M, the
maximum resident set size of tshark, which setpriv and env exec into).
Variants run interleaved, rotating their order each round, so that load from
other users of the machine spreads over all of them; ratios are of medians.
Exit status 1 when the plugin misses a target (the Lua variant is reported,
not gated).
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from tshark import NOBODY, Tshark                      # noqa: E402

LUA_SCRIPT = ROOT / "bench" / "lua" / "tlstutor.lua"
MEM_TARGET = 1.05
ALONE, WITH, LUA = "alone", "with tlstutor.so", "with Lua script"


class Case:
    def __init__(self, key, what, target, base, plugin, lua=None):
        self.key, self.what, self.target = key, what, target
        self.program = "tshark"
        # variant -> (plugin folder, tshark arguments)
        self.variants = {ALONE: ("without", base), WITH: ("with", plugin)}
        if lua:
            self.variants[LUA] = ("lua", lua)
        self.requests = {}         # sharkd: variant -> (capture, filter, frames)
        self.times = {v: [] for v in self.variants}
        self.rss = {v: [] for v in self.variants}
        self.instructions = {}     # variant -> (with N packets, with 1 packet)


def cases(tls, mixed):
    return [
        Case("P1", "mixed.pcapng, summary lines (users not looking at TLS)", 1.03,
             ["-r", mixed], ["-r", mixed], ["-r", mixed]),
        Case("P2", "tls.pcapng, display filter on the handshake", 1.15,
             ["-r", tls, "-Y", "tls.handshake.type"], ["-r", tls, "-Y", "tlstutor"],
             ["-r", tls, "-Y", "tlstutorlua"]),
        Case("P3", "tls.pcapng, full packet details -V", 1.15,
             ["-r", tls, "-V"], ["-r", tls, "-V"], ["-r", tls, "-V"]),
    ]


def sharkd_cases(tls, mixed, frames):
    """The GUI: sharkd loading a capture (the GUI's first pass), and then
    filtering and opening one frame per connection. Requests go on stdin
    (`sharkd -`), read from a file that stdin_file writes."""
    specs = [("G1", "sharkd, load mixed.pcapng (the GUI opening a file)", 1.05,
              (mixed, None, []), (mixed, None, [])),
             ("G2", "sharkd, load tls.pcapng", 1.15, (tls, None, []), (tls, None, [])),
             ("G3", "sharkd, tls.pcapng: load, filter, open one frame per connection", 1.15,
              (tls, "tls.handshake.type", frames), (tls, "tlstutor", frames))]
    cs = []
    for key, what, target, base, plugin in specs:
        c = Case(key, what, target, ["-"], ["-"])
        c.program = "sharkd"
        c.requests = {ALONE: base, WITH: plugin}
        cs.append(c)
    return cs


def sharkd_requests(capture, filt, frames):
    """JSON-RPC lines: load, then (G3) frames with the filter and a frame
    with its tree (proto) for each of the frames, as a click does."""
    reqs = [{"jsonrpc": "2.0", "id": 1, "method": "load", "params": {"file": capture}}]
    if filt:
        reqs.append({"jsonrpc": "2.0", "id": 2, "method": "frames", "params": {"filter": filt}})
    reqs += [{"jsonrpc": "2.0", "id": 100 + i, "method": "frame",
              "params": {"frame": n, "proto": True}} for i, n in enumerate(frames)]
    return "".join(json.dumps(r) + "\n" for r in reqs)


def first_frames(r, tls):
    """The first TLS handshake frame of each TCP connection (tshark alone, so
    that both variants of G3 open the same frames)."""
    out = r.output("without", ["-r", tls, "-Y", "tls.handshake.type", "-T", "fields",
                               "-e", "tcp.stream", "-e", "frame.number"])
    first = {}
    for line in out.splitlines():
        stream, num = line.split("\t")
        first.setdefault(stream, int(num))
    return sorted(first.values())


class Runner:
    def __init__(self, workdir, plugin_so):
        self.t = Tshark(workdir, plugin_so)
        lua = workdir / "plugins" / "lua"
        shutil.copytree(self.t.dirs["without"], lua)
        shutil.copy(LUA_SCRIPT, lua / "tlstutor.lua")  # Lua plugins: the folder's top level
        self.t.dirs["lua"] = lua
        for p in [lua, *lua.rglob("*")]:
            p.chmod(0o777 if p.is_dir() else 0o666)
        self.rssfile = workdir / "rss"

    def argv(self, folder, args, prefix=(), program="tshark"):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.t.home), "TZ": "UTC",
               "LANG": "C.UTF-8", "WIRESHARK_PLUGIN_DIR": str(self.t.dirs[folder])}
        cmd = [*prefix, program, *args]
        if self.t.as_nobody:
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   "env", *[f"{k}={v}" for k, v in env.items()], *cmd]
        return cmd, env

    def stdin_file(self, key, variant, capture, filt, frames):
        """The file of sharkd requests for a case's variant (on capture)."""
        path = self.t.workdir / f"{key}-{variant.split()[0]}-{Path(capture).stem}.jsonl"
        path.write_text(sharkd_requests(capture, filt, frames))
        path.chmod(0o644)
        return path

    def run_args(self, c, v):
        """(folder, arguments, program, stdin file) of a case's variant."""
        folder, args = c.variants[v]
        stdin = self.stdin_file(c.key, v, *c.requests[v]) if c.requests else None
        return folder, args, c.program, stdin

    def timed(self, folder, args, program="tshark", stdin=None):
        cmd, env = self.argv(folder, args, program=program)
        full = ["/usr/bin/time", "-f", "%M", "-o", str(self.rssfile), *cmd]
        with open(stdin or os.devnull) as f:
            t0 = time.perf_counter()
            res = subprocess.run(full, env=env, stdin=f, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, cwd=self.t.workdir)
            wall = time.perf_counter() - t0
        if res.returncode != 0:
            raise SystemExit(f"{shlex.join(cmd)} failed ({res.returncode}): {res.stderr}")
        return wall, int(self.rssfile.read_text().split()[-1])

    def output(self, folder, args, program="tshark", stdin=None):
        cmd, env = self.argv(folder, args, program=program)
        with open(stdin or os.devnull) as f:
            return subprocess.run(cmd, env=env, stdin=f, capture_output=True, text=True,
                                  check=True, cwd=self.t.workdir).stdout

    def instructions(self, folder, args, tool, program="tshark", stdin=None, keep=None):
        """Instructions executed by the program (the whole process, start-up
        included). keep: a path for callgrind's output file."""
        with open(stdin or os.devnull) as f:
            if tool == "perf":
                # perf outside setpriv: nobody may not open counters (perf_event_paranoid).
                cmd, env = self.argv(folder, args, program=program)
                cmd = ["perf", "stat", "-x,", "-e", "instructions:u", *cmd]
                err = subprocess.run(cmd, env=env, stdin=f, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, check=True,
                                     cwd=self.t.workdir).stderr
                return int([line for line in err.splitlines()
                            if "instructions" in line][-1].split(",")[0])
            out = keep or self.t.workdir / "callgrind.out"
            cmd, env = self.argv(folder, args, ["valgrind", "--tool=callgrind",
                                                f"--callgrind-out-file={out}"], program)
            err = subprocess.run(cmd, env=env, stdin=f, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True, check=True,
                                 cwd=self.t.workdir).stderr
            return int(re.findall(r"Collected : (\d+)", err)[-1])


# The tutor's entry points per packet: its postdissector and its tap listeners.
TUTOR_ENTRIES = ("dissect_tutor", "tcp_packet", "ladder_packet", "flow_packet", "view_packet",
                 "stats_packet")


def tutor_own(callgrind_out):
    """Inclusive instructions of each of the tutor's entry points (in
    tlstutor.so) in a callgrind output file. callgrind_annotate may list a
    function twice, `plugin/tutor.c:dissect_tutor [tlstutor.so]` and
    `???:dissect_tutor` (the call as its caller, without debug information,
    recorded it), with the inclusive cost split between them in a way that
    varies from run to run, but each of the two whole or nearly: the larger
    is taken, not the sum."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                          str(callgrind_out)], capture_output=True, text=True, check=True).stdout
    found = {}
    for m in re.finditer(r"^\s*([\d,]+) \(.*?\)\s+\S*?:(\w+)(?: \[[^\]]*tlstutor\.so\])?$",
                         out, re.M):
        if m.group(2) in TUTOR_ENTRIES:
            found[m.group(2)] = max(found.get(m.group(2), 0), int(m.group(1).replace(",", "")))
    return found


def sharkd_answers(r, c, v):
    """sharkd's answers to a variant's requests; none an error, every one answered."""
    folder, args, program, stdin = r.run_args(c, v)
    answers = [json.loads(line) for line in r.output(folder, args, program, stdin).splitlines()
               if line.startswith("{")]
    asked = len(Path(stdin).read_text().splitlines())
    errors = [a for a in answers if "error" in a or "result" not in a]
    if errors or len(answers) != asked:
        raise SystemExit(f"{c.key} {v}: {len(answers)} answers to {asked} requests, "
                         f"errors: {errors[:3]}")
    return {a["id"]: a["result"] for a in answers}


def check_sharkd(r, cs):
    """Every sharkd request answered without error; in G3 the plugin's filter
    finds frames and the opened frames show the tutor. Returns lines for the
    results."""
    lines = []
    for c in cs:
        for v in c.variants:
            res = sharkd_answers(r, c, v)
            if 2 not in res:
                continue
            opened = [n for i, n in res.items() if i >= 100]
            tutor = sum(1 for t in opened if any(n.get("l", "").startswith("TLS Handshake Tutor")
                                                 for n in t["tree"]))
            if v == WITH and not (res[2] and tutor):
                raise SystemExit(f"{c.key}: the plugin does not annotate in sharkd "
                                 f"({len(res[2])} frames match tlstutor, {tutor} opened show it)")
            lines.append(f"- {c.key} {v}: filter `{c.requests[v][1]}` matched {len(res[2]):,} "
                         f"frames; {len(opened):,} frames opened, {tutor:,} with the tutor's tree")
    return lines


def check_setup(r, tls):
    """The variants really differ: plugin and script loaded, and they annotate."""
    plugins = {name: r.output(name, ["-G", "plugins"]) for name in ("with", "without", "lua")}
    loaded = {name: {line.split()[0] for line in out.splitlines() if line.strip()}
              for name, out in plugins.items()}
    assert "tlstutor.so" in loaded["with"] and "tlstutor.lua" not in loaded["with"], loaded["with"]
    assert "tlstutor.lua" in loaded["lua"] and "tlstutor.so" not in loaded["lua"], loaded["lua"]
    assert not {"tlstutor.so", "tlstutor.lua"} & loaded["without"], loaded["without"]
    for folder, proto in (("with", "tlstutor"), ("lua", "tlstutorlua")):
        out = r.output(folder, ["-r", tls, "-c", "2000", "-Y", proto])
        if not out.strip():
            raise SystemExit(f"no {proto} output on {tls}: the variant does not annotate")


def plugin_info(so):
    digest = hashlib.sha256(Path(so).read_bytes()).hexdigest()[:16]
    built = datetime.datetime.fromtimestamp(Path(so).stat().st_mtime, datetime.timezone.utc)
    head = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%h"],
                          capture_output=True, text=True).stdout.strip()
    return f"{so} (sha256 {digest}..., built {built:%Y-%m-%d %H:%M} UTC; checkout at {head})"


def machine(plugin_so):
    def cmd(*a):
        return subprocess.run(a, capture_output=True, text=True).stdout
    cpu = re.search(r"Model name:\s*(.*)", cmd("lscpu"))
    mem = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    return {
        "CPU": cpu.group(1).strip() if cpu else platform.processor(),
        "cores": str(os.cpu_count()),
        "RAM": f"{mem / 1024 / 1024:.1f} GiB",
        "Debian": Path("/etc/debian_version").read_text().strip(),
        "kernel": platform.release(),
        "Wireshark": cmd("tshark", "--version").splitlines()[0],
        "plugin": plugin_info(plugin_so),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load average before": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
    }


def report(path, cs, info, runs, note, captures, r, instr_tool, instr_packets, checks, own):
    lines = ["# Benchmark results", "",
             "Written by `bench/run.sh` (see bench/README.md). Ratios are medians "
             "of the variant over the median of the same program alone (tshark, "
             "sharkd), measured in one run with the variants interleaved.", ""]
    if note:
        lines += [f"**Note:** {note}", ""]
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in info.items()]
    lines += ["", "## Captures", ""] + [f"- `{c}`" for c in captures]
    lines += ["", "## Cases", ""] + [f"- {c.key}: {c.what}" for c in cs]
    lines += ["", "sharkd's answers, checked before timing:", ""] + checks
    lines += ["", f"## Times and peak memory ({runs} runs each, after one warm-up run)", "",
              "| case | variant | median s | min-max s | ratio | target | | max RSS MiB | ratio | target | |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    failed = []
    for c in cs:
        base_t = statistics.median(c.times[ALONE])
        base_m = statistics.median(c.rss[ALONE])
        for v in c.variants:
            t, m = statistics.median(c.times[v]), statistics.median(c.rss[v])
            spread = f"{min(c.times[v]):.2f}-{max(c.times[v]):.2f}"
            if v == ALONE:
                lines.append(f"| {c.key} | {c.program} alone | {t:.2f} | {spread} | 1 | | | {m / 1024:.0f} | 1 | | |")
                continue
            tr, mr = t / base_t, m / base_m
            tok, mok = tr <= c.target, mr <= MEM_TARGET
            if v == WITH:
                failed += [f"{c.key} time"] * (not tok) + [f"{c.key} memory"] * (not mok)
            lines.append(f"| {c.key} | {v} | {t:.2f} | {spread} | {tr:.3f} | <= {c.target:.2f} | "
                         f"{'pass' if tok else 'FAIL'} | {m / 1024:.0f} | {mr:.3f} | <= {MEM_TARGET:.2f} | "
                         f"{'pass' if mok else 'FAIL'} |")
    lines += ["", "Targets gate the plugin only; the Lua script's pass/fail is for comparison.",
              f"Plugin result: {'all targets met' if not failed else 'MISSED: ' + ', '.join(failed)}."]
    if instr_tool:
        lines += ["", f"## Instructions executed ({instr_tool}, first {instr_packets} packets, "
                  "start-up included; noise-free cross-check)", "",
                  "Per packet: minus the same command reading 1 packet (start-up: "
                  "registration of every protocol, loading plugins and scripts). "
                  "tshark reads with `-c`; sharkd loads a copy of the capture cut "
                  "with `editcap -r` (G3 opens the frames of its list that remain).", "",
                  "| case | variant | instructions | ratio | per packet | ratio |",
                  "|---|---|---|---|---|---|"]
        for c in cs:
            base, base1 = c.instructions[ALONE]
            for v, (n, n1) in c.instructions.items():
                per, base_per = (n - n1) / instr_packets, (base - base1) / instr_packets
                name = f"{c.program} alone" if v == ALONE else v
                lines.append(f"| {c.key} | {name} | {n:,} | {n / base:.3f} | {per:,.0f} | "
                             f"{per / base_per:.3f} |")
    if own:
        lines += ["", "## The tutor's own work (callgrind)", "",
                  "Inclusive instructions of the tutor's postdissector (`dissect_tutor`) and "
                  "of its tap listeners in the run with the plugin, as a share of the run "
                  "without it (whole run, and per packet: both minus the 1-packet run's start-up, "
                  "in which the tutor does no work). What the marked fields cost TLS is "
                  "not in it: that is the rest of the difference between the two runs.", "",
                  "| case | function | instructions | share of run without | per packet share | "
                  "ratio with/without, per packet |", "|---|---|---|---|---|---|"]
        for c in cs:
            if c.key not in own:
                continue
            base, base1 = c.instructions[ALONE]
            n, n1 = c.instructions[WITH]
            funcs = own[c.key]
            for f, ir in [*sorted(funcs.items()), ("all", sum(funcs.values()))]:
                lines.append(f"| {c.key} | {f} | {ir:,} | {ir / base:.3f} | "
                             f"{ir / (base - base1):.3f} | {(n - n1) / (base - base1):.3f} |")
    lines += ["", f"Load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}"]
    lines += ["", "## Commands", "",
              "Each run, as root (tshark and sharkd run as nobody):", "", "```"]
    for c in cs:
        for v in c.variants:
            folder, args, program, stdin = r.run_args(c, v)
            cmd, _ = r.argv(folder, args, program=program)
            lines.append(f"# {c.key} {v}")
            lines.append(shlex.join(["/usr/bin/time", "-f", "%M", *cmd]) +
                         (f" <{Path(stdin).name}" if stdin else "") + " >/dev/null")
    lines += ["```", "", "sharkd's requests (one JSON-RPC line each): `load` of the capture; "
              "in G3 also `frames` with the filter (`tls.handshake.type` alone, `tlstutor` "
              "with the plugin) and `frame` with `proto: true` for the first TLS handshake "
              "frame of each TCP connection (found by tshark alone before the runs; the same "
              "frames in both variants).", "", "Plugin folders (copies of the system's 4.0 plugins; `with` adds "
              "`4.0/epan/tlstutor.so` from build/, `lua` adds `tlstutor.lua` at its top level) "
              "and HOME were temporary directories, removed after the run.", ""]
    Path(path).write_text("\n".join(lines))
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tls", required=True)
    ap.add_argument("--mixed", required=True)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--plugin", default=str(ROOT / "build" / "tlstutor.so"))
    ap.add_argument("--results", required=True)
    ap.add_argument("--note", default="")
    ap.add_argument("--instructions", choices=["perf", "callgrind"],
                    help="also count instructions (one run per variant)")
    ap.add_argument("--instr-packets", type=int, default=20000,
                    help="packets read (-c) in the instruction count runs")
    a = ap.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="tlstutor-bench-"))
    try:
        r = Runner(workdir, Path(a.plugin))
        data = workdir / "captures"
        data.mkdir()
        for src in (a.tls, a.mixed):                   # readable by nobody wherever they are
            shutil.copy(src, data / Path(src).name)
            (data / Path(src).name).chmod(0o644)
        data.chmod(0o755)
        tls, mixed = str(data / Path(a.tls).name), str(data / Path(a.mixed).name)
        check_setup(r, tls)
        gs = sharkd_cases(tls, mixed, first_frames(r, tls))
        checks = check_sharkd(r, gs)
        cs = cases(tls, mixed) + gs
        info = machine(a.plugin)
        for rnd in range(a.runs + 1):                  # round 0 warms caches, discarded
            for c in cs:
                names = list(c.variants)
                order = names[rnd % len(names):] + names[:rnd % len(names)]
                for v in order:
                    wall, rss = r.timed(*r.run_args(c, v))
                    if rnd:
                        c.times[v].append(wall)
                        c.rss[v].append(rss)
            print(f"round {rnd}/{a.runs} done", file=sys.stderr, flush=True)
        own = {}
        if a.instructions:
            cut = {}                                   # sharkd has no -c: cut copies
            for src in (tls, mixed):
                for n in (a.instr_packets, 1):
                    dst = data / f"{Path(src).stem}-{n}.pcapng"
                    subprocess.run(["editcap", "-r", src, str(dst), f"1-{n}"], check=True)
                    dst.chmod(0o644)
                    cut[src, n] = str(dst)
            for c in cs:
                for v, (folder, args) in c.variants.items():
                    counts = []
                    for n in (a.instr_packets, 1):
                        keep = None
                        if a.instructions == "callgrind" and v == WITH and \
                                n > 1 and c.key in ("P2", "G2"):
                            keep = workdir / f"callgrind-{c.key}.out"
                        if c.requests:
                            capture, filt, frames = c.requests[v]
                            stdin = r.stdin_file(c.key, v, cut[capture, n], filt,
                                                 [f for f in frames if f <= n])
                            counts.append(r.instructions(folder, args, a.instructions,
                                                         "sharkd", stdin, keep))
                        else:
                            counts.append(r.instructions(folder, [*args, "-c", str(n)],
                                                         a.instructions, keep=keep))
                        if keep:
                            own[c.key] = tutor_own(keep)
                    c.instructions[v] = tuple(counts)
                print(f"instructions: {c.key} done", file=sys.stderr, flush=True)
        failed = report(a.results, cs, info, a.runs, a.note, [a.tls, a.mixed], r,
                        a.instructions, a.instr_packets, checks, own)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(Path(a.results).read_text())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
