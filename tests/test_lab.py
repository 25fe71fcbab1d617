# SPDX-License-Identifier: GPL-2.0-or-later
"""docs/lab: every command of the English and the Japanese lab, run with the
real tshark on the bundled captures, prints exactly what the teacher's key
(docs/lab/answers.md) says, and both labs ask the same questions.

Lab format: each question's command is a fenced block ```sh whose first line
is the question id (`# Q7`) and whose second and last line is one tshark
command, typed from the top of the repository. The Japanese command is the
English one, plus ` -o tlstutor.language:ja` where the tutor's text is shown.
Key format: a section `## Q7` per question with a fenced block ```output
(the exact output, tab-separated as tshark prints it) and, where the
Japanese output differs, a block ```output-ja. Where Wireshark 4.4 or later
prints something else, a block ```output-4.4 (and ```output-ja-4.4) holds
that version's output, from that version on.
"""
import functools
import re

import pytest

from tshark import ROOT
from wsversion import ws_version

LAB = ROOT / "docs" / "lab"
JA_OPTION = " -o tlstutor.language:ja"
FENCE = re.compile(r"^```(\S*)\n(.*?)^```[ \t]*$", re.M | re.S)
BLOCK = re.compile(r"output(-ja)?(?:-(\d+)\.(\d+))?")


def lab_questions(name):
    """[(id, command)] in document order. Every ```sh block is a question,
    so that no command of the lab can escape this test."""
    questions = []
    for lang, body in FENCE.findall((LAB / name).read_text()):
        if lang != "sh":
            continue
        lines = body.splitlines()
        assert len(lines) == 2 and re.fullmatch(r"# Q\d+", lines[0]), \
            f"{name}: a ```sh block must be `# Qn` and one command: {body!r}"
        questions.append((lines[0][2:], lines[1]))
    return questions


@functools.cache
def key_answers():
    """{id: {"output": [lines], "output-ja": [lines] (optional), "text": str}}"""
    text = (LAB / "answers.md").read_text()
    answers = {}
    for part in re.split(r"^## ", text, flags=re.M)[1:]:
        heading, _, body = part.partition("\n")
        qid = heading.split()[0]
        assert qid not in answers, f"answers.md: {qid} twice"
        entry = {"text": FENCE.sub("", body)}
        for kind, block in FENCE.findall(body):
            assert BLOCK.fullmatch(kind), f"answers.md {qid}: ```{kind}"
            assert kind not in entry, f"answers.md {qid}: two ```{kind} blocks"
            entry[kind] = block.splitlines()
        assert "output" in entry, f"answers.md {qid}: no ```output block"
        for kind in entry:
            m = BLOCK.fullmatch(kind)
            if m and m[2]:   # a version's block: its English one exists too
                assert f"output-{m[2]}.{m[3]}" in entry, f"answers.md {qid}: ```{kind} alone"
        answers[qid] = entry
    return answers


EN = lab_questions("en.md")
JA = lab_questions("ja.md")


def test_labs_ask_the_same_questions():
    ids = [q for q, _ in EN]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert ids == [q for q, _ in JA]


def test_japanese_commands_differ_only_by_the_language():
    for (qid, en), (_, ja) in zip(EN, JA):
        assert "tlstutor.language" not in en, qid
        assert ja.replace(JA_OPTION, "") == en, qid
        # a separate Japanese output is only possible where the tutor speaks Japanese
        if "output-ja" in key_answers().get(qid, {}):
            assert JA_OPTION in ja, qid


def test_key_answers_every_question_and_nothing_else():
    key = key_answers()
    assert list(key) == [q for q, _ in EN]
    for qid, entry in key.items():
        # one sentence of explanation for each language
        assert re.search(r"^Answer: \S", entry["text"], re.M), qid
        assert re.search(r"^答え: \S", entry["text"], re.M), qid


# Kinds of question the well-known labs ask, mapped to the tutor's answer:
# one table, a row per kind, each answered by questions of the lab.
KINDS_COLUMNS = ["kind of question", "問の種類", "labs", "answered by", "questions"]


def question_kinds():
    """[{column: cell}] of the table in docs/lab/question-kinds.md; a `\\|`
    inside a cell (a filter's `||`) is part of the cell."""
    rows = [re.split(r"(?<!\\)\|", line.strip()[1:-1])
            for line in (LAB / "question-kinds.md").read_text().splitlines()
            if line.startswith("|")]
    assert all(len(row) == len(KINDS_COLUMNS) for row in rows), \
        "question-kinds.md: a row with another number of cells"
    header, rule, *body = rows
    assert [c.strip() for c in header] == KINDS_COLUMNS
    assert all(set(c.strip()) <= set("-:") for c in rule)
    return [dict(zip(KINDS_COLUMNS, (c.strip() for c in row))) for row in body]


def kind_question_ids(cell):
    """The question ids of a row's last cell: `Q1, Q2, ...`."""
    assert re.fullmatch(r"Q\d+(, Q\d+)*", cell), f"question-kinds.md: {cell!r}"
    return cell.split(", ")


def test_question_kinds_name_questions_of_the_lab():
    kinds = question_kinds()
    asked = {q for q, _ in EN}
    assert len(kinds) >= 25
    for row in kinds:
        assert all(row[c] for c in KINDS_COLUMNS), row
        assert "`" in row["answered by"], row      # a filter, field or -z view
        assert set(kind_question_ids(row["questions"])) <= asked, row["kind of question"]
    # the kinds the issue lists are there
    texts = " ".join(row["kind of question"] for row in kinds)
    for kind in ("TCP SYN", "records does a frame hold", "record's header",
                 "one Ethernet frame", "several TCP segments", "round trips",
                 "first packet", "alert", "resume", "key log", "eavesdropper"):
        assert kind in texts, kind


def test_question_kinds_parser():
    assert kind_question_ids("Q1, Q23") == ["Q1", "Q23"]
    with pytest.raises(AssertionError):
        kind_question_ids("Q1,Q2")
    with pytest.raises(AssertionError):
        kind_question_ids("Q?")


def test_screenshot_of_the_tutor_subtree():
    # a placeholder (<!-- screenshot: gui-en.png -->) or the image itself
    assert "gui-en.png" in (LAB / "en.md").read_text()
    assert "gui-ja.png" in (LAB / "ja.md").read_text()


CASES = [("en", q, c) for q, c in EN] + [("ja", q, c) for q, c in JA]


def expected_output(entry, lang, version):
    """The block for this language and the newest version not after this one."""
    versions = {(4, 0)} | {(int(m[2]), int(m[3])) for m in map(BLOCK.fullmatch, entry)
                            if m and m[2]}
    best = max(v for v in versions if v <= version)
    suffix = "" if best == (4, 0) else f"-{best[0]}.{best[1]}"
    if lang == "ja" and f"output-ja{suffix}" in entry:
        return entry[f"output-ja{suffix}"]
    return entry[f"output{suffix}"]


def test_version_blocks_chosen():
    entry = {"output": ["a"], "output-ja": ["b"], "output-4.4": ["c"]}
    assert expected_output(entry, "ja", (4, 0)) == ["b"]
    assert expected_output(entry, "ja", (4, 6)) == ["c"]
    assert expected_output(entry, "en", (4, 4)) == ["c"]
    assert expected_output({"output": ["a"], "output-ja": ["b"]}, "ja", (4, 6)) == ["b"]


@pytest.mark.parametrize("lang,qid,command", CASES, ids=[f"{l}-{q}" for l, q, _ in CASES])
def test_command_prints_the_key(tshark, lang, qid, command):
    lines = expected_output(key_answers()[qid], lang, ws_version())
    res = tshark.run_typed(command)
    assert res.stderr == ""
    assert res.stdout == "".join(line + "\n" for line in lines)
