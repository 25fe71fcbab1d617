# SPDX-License-Identifier: GPL-2.0-or-later
"""docs/catalogue-review.md reviews the whole catalogue against the RFCs:
every TEXT row of plugin/texts.def and every ALERT row of plugin/alerts.def
has its own line in the review's tables (its id, or its code and name, in
backticks in the first column, with the claims, their sources and the
verdict filled in), and every PHRASE id is named there, in a table or on the
line of labels. A row added to the catalogue without a review line fails
here, naming the row. Reads only files: no tshark needed."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "plugin" / "texts.def"
ALERTS = ROOT / "plugin" / "alerts.def"
REVIEW = ROOT / "docs" / "catalogue-review.md"

# Rows start a line; the macro's own #define and the comments do not.
TEXT_ROW = re.compile(r"^[ \t]*TEXT\(\s*([A-Z][A-Z0-9_]*)\s*,", re.M)
PHRASE_ROW = re.compile(r"^[ \t]*PHRASE\(\s*([A-Z][A-Z0-9_]*)\s*,", re.M)
ALERT_ROW = re.compile(r'^[ \t]*ALERT\(\s*(\d+)\s*,\s*"([^"]+)"', re.M)


def without_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def text_ids():
    return TEXT_ROW.findall(without_comments(TEXTS.read_text()))


def phrase_ids():
    return PHRASE_ROW.findall(without_comments(TEXTS.read_text()))


def alerts():
    return [(int(code), name) for code, name in ALERT_ROW.findall(without_comments(ALERTS.read_text()))]


def table_rows():
    """Each row of each table of the review as a list of cells (header and
    separator rows left out). A | inside backticks does not split a cell."""
    rows = []
    for line in REVIEW.read_text().splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells, cell, code = [], "", False
        for ch in line.strip("|"):
            if ch == "`":
                code = not code
            if ch == "|" and not code:
                cells.append(cell.strip())
                cell = ""
            else:
                cell += ch
        cells.append(cell.strip())
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue
        rows.append(cells)
    return rows


def ticked(cell):
    return set(re.findall(r"`([^`]+)`", cell))


def review_rows():
    """The review's rows that name a catalogue row: first cell has a backticked id."""
    return [r for r in table_rows() if ticked(r[0])]


def test_the_catalogue_is_parsed():
    # A change of the .def format must not make this test pass on nothing.
    assert len(text_ids()) > 30
    assert len(alerts()) > 20
    assert len(phrase_ids()) > 50
    assert {"CLIENT_HELLO", "FINISHED_SERVER_13"} <= set(text_ids())
    assert (0, "close_notify") in alerts()


def test_every_text_row_has_a_review_line():
    reviewed = set().union(*(ticked(r[0]) for r in review_rows()))
    missing = [i for i in text_ids() if i not in reviewed]
    assert not missing, f"TEXT rows without a line in {REVIEW.name}: {', '.join(missing)}"


def test_every_alert_row_has_a_review_line():
    def has_line(code, name):
        return any(name in ticked(r[0]) and re.search(rf"(?<![\w.]){code}(?![\w.])", r[0])
                   for r in review_rows())
    missing = [f"{code} {name}" for code, name in alerts() if not has_line(code, name)]
    assert not missing, f"ALERT rows without a line in {REVIEW.name}: {', '.join(missing)}"


def test_every_phrase_is_named():
    named = set(re.findall(r"`([A-Z][A-Z0-9_]*)`", REVIEW.read_text()))
    missing = [i for i in phrase_ids() if i not in named]
    assert not missing, f"PHRASE rows not named in {REVIEW.name}: {', '.join(missing)}"


def test_review_lines_are_filled_in():
    # row id | claims | source | checked: four cells, none empty.
    bad = [r[0] for r in review_rows() if len(r) != 4 or not all(r)]
    assert not bad, f"review lines without claims, source or verdict: {', '.join(bad)}"
