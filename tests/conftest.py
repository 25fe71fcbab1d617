import os
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
def tshark(tmp_path_factory, plugin_so):
    return Tshark(tmp_path_factory.mktemp("tshark"), plugin_so)
