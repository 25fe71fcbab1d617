# SPDX-License-Identifier: GPL-2.0-or-later
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tshark import Tshark

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def plugin_so():
    so = Path(os.environ.get("TLSTUTOR_SO", ROOT / "build" / "tlstutor.so"))
    if not so.exists():
        pytest.fail(f"{so} does not exist: build first (tests/run.sh does)")
    return so


@pytest.fixture(scope="session")
def tshark(plugin_so):
    # Not pytest's tmp_path: it is private to root, and tshark runs as nobody.
    workdir = Path(tempfile.mkdtemp(prefix="tlstutor-tests-"))
    workdir.chmod(0o755)
    yield Tshark(workdir, plugin_so, share_runs=True)
    shutil.rmtree(workdir, ignore_errors=True)
