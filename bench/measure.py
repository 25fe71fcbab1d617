#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Times tshark with the tutor plugin, without it, and with the Lua
postdissector instead, interleaved, and writes a results table.

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


class Case:
    def __init__(self, key, what, target, base, plugin, lua):
        self.key, self.what, self.target = key, what, target
        # variant -> (plugin folder, tshark arguments)
        self.variants = {"tshark alone": ("without", base),
                         "with tlstutor.so": ("with", plugin),
                         "with Lua script": ("lua", lua)}
        self.times = {v: [] for v in self.variants}
        self.rss = {v: [] for v in self.variants}
        self.instructions = {}     # variant -> (with N packets, with 1 packet)


def cases(tls, mixed):
    return [
        Case("P1", "mixed.pcapng, summary lines (users not looking at TLS)", 1.03,
             ["-r", mixed], ["-r", mixed], ["-r", mixed]),
        Case("P2", "tls.pcapng, display filter on the handshake", 1.10,
             ["-r", tls, "-Y", "tls.handshake.type"], ["-r", tls, "-Y", "tlstutor"],
             ["-r", tls, "-Y", "tlstutorlua"]),
        Case("P3", "tls.pcapng, full packet details -V", 1.15,
             ["-r", tls, "-V"], ["-r", tls, "-V"], ["-r", tls, "-V"]),
    ]


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

    def argv(self, folder, args, prefix=()):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.t.home), "TZ": "UTC",
               "LANG": "C.UTF-8", "WIRESHARK_PLUGIN_DIR": str(self.t.dirs[folder])}
        cmd = [*prefix, "tshark", *args]
        if self.t.as_nobody:
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   "env", *[f"{k}={v}" for k, v in env.items()], *cmd]
        return cmd, env

    def timed(self, folder, args):
        cmd, env = self.argv(folder, args)
        full = ["/usr/bin/time", "-f", "%M", "-o", str(self.rssfile), *cmd]
        t0 = time.perf_counter()
        res = subprocess.run(full, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, cwd=self.t.workdir)
        wall = time.perf_counter() - t0
        if res.returncode != 0:
            raise SystemExit(f"{shlex.join(cmd)} failed ({res.returncode}): {res.stderr}")
        return wall, int(self.rssfile.read_text().split()[-1])

    def output(self, folder, args):
        cmd, env = self.argv(folder, args)
        return subprocess.run(cmd, env=env, capture_output=True, text=True, check=True,
                              cwd=self.t.workdir).stdout

    def instructions(self, folder, args, tool):
        """Instructions executed by tshark (the whole process, start-up included)."""
        if tool == "perf":
            # perf outside setpriv: nobody may not open counters (perf_event_paranoid).
            cmd, env = self.argv(folder, args)
            cmd = ["perf", "stat", "-x,", "-e", "instructions:u", *cmd]
            err = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True, check=True, cwd=self.t.workdir).stderr
            return int([line for line in err.splitlines() if "instructions" in line][-1].split(",")[0])
        out = self.t.workdir / "callgrind.out"
        cmd, env = self.argv(folder, args, ["valgrind", "--tool=callgrind",
                                            f"--callgrind-out-file={out}"])
        err = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True, check=True, cwd=self.t.workdir).stderr
        return int(re.findall(r"Collected : (\d+)", err)[-1])


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


def report(path, cs, info, runs, note, captures, r, instr_tool, instr_packets):
    lines = ["# Benchmark results", "",
             "Written by `bench/run.sh` (see bench/README.md). Ratios are medians "
             "of the variant over the median of tshark alone, measured in one run "
             "with the variants interleaved.", ""]
    if note:
        lines += [f"**Note:** {note}", ""]
    lines += ["## Machine", ""] + [f"- {k}: {v}" for k, v in info.items()]
    lines += ["", "## Captures", ""] + [f"- `{c}`" for c in captures]
    lines += ["", f"## Times and peak memory ({runs} runs each, after one warm-up run)", "",
              "| case | variant | median s | min-max s | ratio | target | | max RSS MiB | ratio | target | |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    failed = []
    for c in cs:
        base_t = statistics.median(c.times["tshark alone"])
        base_m = statistics.median(c.rss["tshark alone"])
        for v in c.variants:
            t, m = statistics.median(c.times[v]), statistics.median(c.rss[v])
            spread = f"{min(c.times[v]):.2f}-{max(c.times[v]):.2f}"
            if v == "tshark alone":
                lines.append(f"| {c.key} | {v} | {t:.2f} | {spread} | 1 | | | {m / 1024:.0f} | 1 | | |")
                continue
            tr, mr = t / base_t, m / base_m
            tok, mok = tr <= c.target, mr <= MEM_TARGET
            if v == "with tlstutor.so":
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
                  "registration of every protocol, loading plugins and scripts).", "",
                  "| case | variant | instructions | ratio | per packet | ratio |",
                  "|---|---|---|---|---|---|"]
        for c in cs:
            base, base1 = c.instructions["tshark alone"]
            for v, (n, n1) in c.instructions.items():
                per, base_per = (n - n1) / instr_packets, (base - base1) / instr_packets
                lines.append(f"| {c.key} | {v} | {n:,} | {n / base:.3f} | {per:,.0f} | "
                             f"{per / base_per:.3f} |")
    lines += ["", f"Load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}"]
    lines += ["", "## Commands", "",
              "Each run, as root (tshark itself runs as nobody):", "", "```"]
    for c in cs:
        for v, (folder, args) in c.variants.items():
            cmd, _ = r.argv(folder, args)
            lines.append(f"# {c.key} {v}")
            lines.append(shlex.join(["/usr/bin/time", "-f", "%M", *cmd]) + " >/dev/null")
    lines += ["```", "", "Plugin folders (copies of the system's 4.0 plugins; `with` adds "
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
        cs = cases(tls, mixed)
        info = machine(a.plugin)
        names = list(cs[0].variants)
        for rnd in range(a.runs + 1):                  # round 0 warms caches, discarded
            order = names[rnd % 3:] + names[:rnd % 3]
            for c in cs:
                for v in order:
                    wall, rss = r.timed(*c.variants[v])
                    if rnd:
                        c.times[v].append(wall)
                        c.rss[v].append(rss)
            print(f"round {rnd}/{a.runs} done", file=sys.stderr, flush=True)
        if a.instructions:
            for c in cs:
                for v, (folder, args) in c.variants.items():
                    c.instructions[v] = tuple(
                        r.instructions(folder, [*args, "-c", str(n)], a.instructions)
                        for n in (a.instr_packets, 1))
        failed = report(a.results, cs, info, a.runs, a.note, [a.tls, a.mixed], r,
                        a.instructions, a.instr_packets)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(Path(a.results).read_text())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
