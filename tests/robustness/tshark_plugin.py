#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Runs one tshark command with a given tlstutor.so, as the robustness checks
do (tests/tshark.py's Tshark: user nobody, private plugin folder), and prints
its output and exit code. The repro.sh of a failure kept by fuzz_tshark.py
calls it.

  tshark_plugin.py --plugin build/tlstutor.so --files DIR -- -r x.pcapng -V
Paths in the tshark arguments are relative to a scratch folder that holds a
copy of pcaps/ and of DIR's contents.
"""
import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_tshark import Runner  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", type=Path, required=True)
    ap.add_argument("--sanitized", action="store_true")
    ap.add_argument("--without-plugin", action="store_true")
    ap.add_argument("--files", type=Path, help="folder whose contents the tshark arguments name")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("args", nargs=argparse.REMAINDER)
    opt = ap.parse_args()
    args = opt.args[1:] if opt.args[:1] == ["--"] else opt.args
    workdir = Path(tempfile.mkdtemp(prefix="tlstutor-repro-"))
    workdir.chmod(0o755)
    try:
        runner = Runner(workdir, opt.plugin.resolve(), opt.sanitized, opt.timeout)
        if opt.files:
            shutil.copytree(opt.files, workdir, dirs_exist_ok=True)
            for p in [workdir, *workdir.rglob("*")]:
                p.chmod(0o777 if p.is_dir() else 0o666)
        rc, out, err = runner.run(args, plugin=not opt.without_plugin)
        sys.stdout.write(out)
        sys.stderr.write(err)
        print(f"[tshark exit code {rc}]", file=sys.stderr)
        return 1 if rc else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
