"""docs/lab: every command of the English and the Japanese lab, run with the
real tshark on the bundled captures, prints exactly what the teacher's key
(docs/lab/answers.md) says, and both labs ask the same questions.

Lab format: each question's command is a fenced block ```sh whose first line
is the question id (`# Q7`) and whose second and last line is one tshark
command, typed from the top of the repository. The Japanese command is the
English one, plus ` -o tlstutor.language:ja` where the tutor's text is shown.
Key format: a section `## Q7` per question with a fenced block ```output
(the exact output, tab-separated as tshark prints it) and, where the
Japanese output differs, a block ```output-ja.
"""
import functools
import re

import pytest

from tshark import ROOT

LAB = ROOT / "docs" / "lab"
JA_OPTION = " -o tlstutor.language:ja"
FENCE = re.compile(r"^```(\S*)\n(.*?)^```[ \t]*$", re.M | re.S)


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
            assert kind in ("output", "output-ja"), f"answers.md {qid}: ```{kind}"
            assert kind not in entry, f"answers.md {qid}: two ```{kind} blocks"
            entry[kind] = block.splitlines()
        assert "output" in entry, f"answers.md {qid}: no ```output block"
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


def test_screenshot_of_the_tutor_subtree():
    # a placeholder (<!-- screenshot: gui-en.png -->) or the image itself
    assert "gui-en.png" in (LAB / "en.md").read_text()
    assert "gui-ja.png" in (LAB / "ja.md").read_text()


CASES = [("en", q, c) for q, c in EN] + [("ja", q, c) for q, c in JA]


@pytest.mark.parametrize("lang,qid,command", CASES, ids=[f"{l}-{q}" for l, q, _ in CASES])
def test_command_prints_the_key(tshark, lang, qid, command):
    entry = key_answers()[qid]
    lines = entry["output-ja"] if lang == "ja" and "output-ja" in entry else entry["output"]
    res = tshark.run_typed(command)
    assert res.stderr == ""
    assert res.stdout == "".join(line + "\n" for line in lines)
