# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs the real tshark with and without the freshly built plugin.

tshark run as root ignores personal plugin folders and WIRESHARK_PLUGIN_DIR,
so when the tests run as root, tshark runs as user nobody (setpriv) with
WIRESHARK_PLUGIN_DIR pointing at a copy of the system plugin folder, with or
without tlstutor.so, and an empty HOME (no user preferences).

Most of a tshark run is its start-up, and the tests ask for many runs more
than once: in the test session (share_runs) a run that only reads is done
once, its result shared, and a PDML is parsed once (Tshark.pdml, messages).
"""
import dataclasses
import functools
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import time
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PCAPS = ROOT / "pcaps"
NOBODY = 65534


def _system_plugin_dir():
    out = subprocess.run(["pkg-config", "--variable=plugindir", "wireshark"],
                         check=True, capture_output=True, text=True).stdout.strip()
    return Path(out)


@dataclass
class Message:
    frame: int
    msg: str
    sender: str
    seq: int
    step: int | None
    encrypted: bool
    conn: int
    label: str
    says: str
    explain: str
    expert: list = field(default_factory=list)

    def key(self):
        return (self.frame, self.msg, self.sender, self.seq, self.step)


class Tshark:
    def __init__(self, workdir: Path, plugin_so: Path, share_runs=False):
        """share_runs: keep the result of every run that only reads (see
        run) and give it to whoever asks for the same run again. Most of a
        run is tshark's start-up, and the tests ask for many runs twice or
        more. The test session turns it on (conftest.py)."""
        self.workdir = workdir
        self.runs = {} if share_runs else None
        self.as_nobody = os.geteuid() == 0
        sysdir = _system_plugin_dir()          # .../plugins/4.0
        version = sysdir.name
        self.dirs = {}
        for name in ("with", "without"):
            d = workdir / "plugins" / name
            shutil.copytree(sysdir, d / version, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("tlstutor.so"))
            self.dirs[name] = d
        shutil.copy(plugin_so, self.dirs["with"] / version / "epan" / "tlstutor.so")
        self.home = workdir / "home"
        self.home.mkdir()
        self.data = workdir / "pcaps"
        shutil.copytree(PCAPS, self.data)
        if self.as_nobody:
            for p in [workdir, *workdir.rglob("*")]:
                p.chmod(0o777 if p.is_dir() else 0o666)
            os.chown(self.home, NOBODY, NOBODY)

    def pcap(self, name):
        return str(self.data / name)

    def run(self, args, plugin=True, check=True, stdin=None, program="tshark"):
        """The CompletedProcess of `program args` (tshark by default), with
        .seconds, how long the program ran. With share_runs, a run that only
        reads is done once: later calls get a copy of its result."""
        done = self._run(args, plugin, stdin, program, check)
        res = subprocess.CompletedProcess(list(done.cmd), done.returncode, done.stdout, done.stderr)
        res.seconds = done.seconds
        return res

    def _run(self, args, plugin, stdin, program, check):
        """The shared Run of the command, or a new one."""
        key = self._run_key(args, plugin, stdin, program)
        done = self.runs.get(key) if key else None
        if done is None:
            done = self._start(args, plugin, stdin, program)
            if key:
                self.runs[key] = done
        if check and done.returncode != 0:
            raise AssertionError(f"{list(done.cmd)} failed ({done.returncode}): {done.stderr}")
        return done

    def _run_key(self, args, plugin, stdin, program):
        """What the result of a run depends on, or None when it is not to be
        shared: another program than tshark (editcap writes files), a tshark
        that writes files or captures live. The key holds, besides the
        arguments, the size, time and inode of every file they name, so that
        a file a test writes or changes is read anew."""
        if self.runs is None or program != "tshark" or \
                any(a in ("-w", "-i") or a.startswith("--export") for a in args):
            return None
        return (program, tuple(args), plugin, stdin, self._files_named(args))

    def _files_named(self, args):
        """(path, size, mtime, inode) of each file the arguments name, whole
        or after a ':', ',' or '=' (tls.keylog_file:FILE); relative to
        workdir, where the program runs."""
        found = set()
        for token in {t for a in args for t in re.split(r"[:,=]", a) if t}:
            try:
                st = os.stat(self.workdir / token)
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(st.st_mode):
                found.add((token, st.st_size, st.st_mtime_ns, st.st_ino))
        return tuple(sorted(found))

    def _start(self, args, plugin, stdin, program):
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.home), "TZ": "UTC",
               "LANG": "C.UTF-8",
               "WIRESHARK_PLUGIN_DIR": str(self.dirs["with" if plugin else "without"])}
        cmd = [program, *args]
        if self.as_nobody:
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}",
                   "--clear-groups", "env", *[f"{k}={v}" for k, v in env.items()], *cmd]
        log = os.environ.get("TLSTUTOR_TSHARK_LOG")
        if log:  # one JSON line per start: to count a run's commands and find repeats
            with open(log, "a") as f:
                f.write(json.dumps({"test": os.environ.get("PYTEST_CURRENT_TEST"),
                                    "program": program, "args": args, "plugin": plugin,
                                    "stdin": stdin}, ensure_ascii=False) + "\n")
        start = time.monotonic()
        res = subprocess.run(cmd, env=env, capture_output=True, text=True,
                             input=stdin, timeout=300, cwd=self.workdir)
        return Run(tuple(cmd), res.returncode, zlib.compress(res.stdout.encode(), 1),
                   res.stderr, time.monotonic() - start)

    def run_typed(self, line, check=True):
        """Runs a tshark command line as a user types it from the top of the
        repository (docs/lab): split like a shell would, with its pcaps/...
        paths (also after `tls.keylog_file:`) pointing at this harness's copy."""
        argv = shlex.split(line)
        if not argv or argv[0] != "tshark":
            raise ValueError(f"not a tshark command: {line!r}")
        args = [re.sub(r"(^|:)pcaps/", lambda m: f"{m.group(1)}{self.data}/", a)
                for a in argv[1:]]
        return self.run(args, check=check)

    def opts(self, keys=None, lang=None, extra=()):
        args = []
        if keys:
            args += ["-o", f"tls.keylog_file:{self.pcap(keys)}"]
        if lang:
            args += ["-o", f"tlstutor.language:{lang}"]
        return args + list(extra)

    def pdml(self, pcap, keys=None, lang=None, extra=(), two_pass=False):
        """The tutor's frames of the capture (-T pdml -Y tlstutor) as a
        read-only tree of Nodes: messages() and the tests that read other
        parts of the same PDML share one run and one parse."""
        return _tree(self._pdml_run(pcap, keys, lang, extra, two_pass))

    def messages(self, pcap, keys=None, lang=None, extra=(), two_pass=False):
        """Every tutor message of the capture, in order, from tshark's PDML."""
        return _copies(self._pdml_run(pcap, keys, lang, extra, two_pass).messages())

    def _pdml_run(self, pcap, keys, lang, extra, two_pass):
        # English is the default language (test_registration checks so): with
        # lang="en" the PDML is the one without a language, so both share one
        # run. The ladder and fields runs still set tlstutor.language:en.
        if lang == "en":
            lang = None
        args = ["-r", self.pcap(pcap), "-T", "pdml", "-Y", "tlstutor"]
        if two_pass:
            args.append("-2")
        return self._run(args + self.opts(keys, lang, extra), True, None, "tshark", True)


@dataclass(eq=False)
class Run:
    """A finished program run as Tshark keeps it to share. stdout is kept
    compressed: as str, a suite's PDML and -V outputs took some 900 MB.
    The tutor messages are read from a PDML stdout once."""
    cmd: tuple
    returncode: int
    stdout_z: bytes
    stderr: str
    seconds: float
    _messages: tuple = None

    @property
    def stdout(self):
        return zlib.decompress(self.stdout_z).decode()

    def messages(self):
        if self._messages is None:
            self._messages = _messages_in(_tree(self))
        return self._messages


# A test often reads one PDML several times in a row (test_details: once per
# field); a few parsed trees are kept (a tree takes some megabytes).
@functools.lru_cache(maxsize=8)
def _tree(run):
    return Node(ET.fromstring(run.stdout))


def _copies(messages):
    """New Message objects, which a test may change."""
    return [dataclasses.replace(m, expert=list(m.expert)) for m in messages]


class Node:
    """A read-only view of an element of a PDML document (pdml, packet,
    proto, field), so that one parse can serve every test that asks for the
    same run. It answers the part of ElementTree's API the tests use."""
    __slots__ = ("_element",)

    def __init__(self, element):
        object.__setattr__(self, "_element", element)

    def __setattr__(self, name, value):
        raise AttributeError("a PDML Node is read-only")

    @property
    def tag(self):
        return self._element.tag

    def get(self, key, default=None):
        return self._element.get(key, default)

    def __iter__(self):
        return (Node(c) for c in self._element)

    def findall(self, tag):
        return [Node(c) for c in self._element.findall(tag)]

    def iter(self, tag=None):
        return (Node(c) for c in self._element.iter(tag))


def parse_pdml(text):
    """Every tutor message of a PDML document, in order."""
    return list(_messages_in(ET.fromstring(text)))


def _messages_in(root):
    """The tutor messages in a PDML tree (ElementTree's or Nodes)."""
    messages = []
    for packet in root.iter("packet"):
        frame = None
        for proto in packet.findall("proto"):
            if proto.get("name") == "geninfo":
                for f in proto.iter("field"):
                    if f.get("name") == "num":
                        frame = int(f.get("show"))
            if proto.get("name") != "tlstutor":
                continue
            for item in proto.findall("field"):
                if item.get("name") != "tlstutor.message":
                    continue
                v = {f.get("name"): f.get("show") for f in item.findall("field")}
                expert = [f.get("show") for f in item.iter("field")
                          if f.get("name") == "_ws.expert.message"]
                messages.append(Message(
                    frame=frame, msg=v["tlstutor.msg"], sender=v["tlstutor.sender"],
                    seq=int(v["tlstutor.seq"]),
                    step=int(v["tlstutor.step"]) if "tlstutor.step" in v else None,
                    encrypted=v["tlstutor.encrypted"] in ("1", "True", "true"),
                    conn=int(v["tlstutor.conn"]), label=item.get("show"),
                    says=v["tlstutor.says"], explain=v["tlstutor.explain"],
                    expert=expert))
    return tuple(messages)
