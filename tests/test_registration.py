# SPDX-License-Identifier: GPL-2.0-or-later
"""What a Wireshark user finds: the fields in tshark -G fields with clear
descriptions, the preferences, the expert infos, the Decode As table."""
import re
import subprocess

from tshark import ROOT
from wsversion import at_least

FIELDS = {
    "tlstutor.message": "FT_STRING", "tlstutor.msg": "FT_STRING",
    "tlstutor.sender": "FT_STRING", "tlstutor.seq": "FT_UINT32",
    "tlstutor.step": "FT_UINT32", "tlstutor.says": "FT_STRING",
    "tlstutor.explain": "FT_STRING", "tlstutor.reference": "FT_STRING",
    "tlstutor.encrypted": "FT_BOOLEAN",
    "tlstutor.conn": "FT_UINT32", "tlstutor.transport": "FT_STRING", "tlstutor.retransmission": "FT_BOOLEAN", "tlstutor.version": "FT_STRING",
    "tlstutor.flow": "FT_STRING", "tlstutor.skipped": "FT_STRING",
    "tlstutor.round_trip": "FT_UINT32", "tlstutor.handshake_round_trips": "FT_UINT32",
    "tlstutor.round_trips_why": "FT_STRING",
    "tlstutor.carries": "FT_STRING", "tlstutor.suites_offered": "FT_UINT32",
    "tlstutor.suites_grease": "FT_UINT32",
    "tlstutor.sni": "FT_STRING", "tlstutor.suite": "FT_STRING", "tlstutor.kx": "FT_STRING",
    "tlstutor.auth": "FT_STRING", "tlstutor.cipher": "FT_STRING", "tlstutor.hash": "FT_STRING",
    "tlstutor.cert_count": "FT_UINT32", "tlstutor.cert_subject": "FT_STRING",
    "tlstutor.cert_issuer": "FT_STRING", "tlstutor.part": "FT_STRING",
    "tlstutor.record.number": "FT_UINT32", "tlstutor.records_in_frame": "FT_UINT32",
    "tlstutor.record.content_type": "FT_UINT8", "tlstutor.record.version": "FT_UINT16",
    "tlstutor.record.length": "FT_UINT16", "tlstutor.record.epoch": "FT_UINT16",
    "tlstutor.segment_count": "FT_UINT32", "tlstutor.segment": "FT_FRAMENUM",
    "tlstutor.fragment_count": "FT_UINT32", "tlstutor.fragment": "FT_FRAMENUM",
}


def rows(tshark, what):
    out = tshark.run(["-G", what]).stdout
    return [line.split("\t") for line in out.splitlines()]


def test_protocol_and_fields_registered(tshark):
    # From 4.4 on -G protocols adds three columns: enabled, can be disabled, is a dissector.
    protos = [r for r in rows(tshark, "protocols") if r[2:3] == ["tlstutor"]]
    expected = ["TLS Handshake Tutor", "TLS Tutor", "tlstutor"]
    assert protos == [expected + (["T", "T", "T"] if at_least(4, 4) else [])]
    fields = {r[2]: r for r in rows(tshark, "fields") if r[0] == "F" and r[4] == "tlstutor"
              and not r[2].startswith("tlstutor.expert.")}
    assert {k: v[3] for k, v in fields.items()} == FIELDS
    for name, row in fields.items():
        assert len(row[7]) > 20, f"{name} has no clear description"


def test_every_line_has_a_label_in_each_language(tshark):
    """The catalogue's LABEL_<FIELD> rows label the tree's lines (parts.h):
    one per field the tree shows with a label (tlstutor.part shows its piece
    alone), its English exactly the registered name, which the English tree
    shows; the Japanese tree shows the Japanese."""
    text = (ROOT / "plugin" / "texts.def").read_text()
    labels = {m[1].lower(): (m[2], m[3]) for m in
              re.finditer(r'^PHRASE\(LABEL_(\w+),\s*"([^"]*)",\s*"([^"]*)"\)', text, re.M)}
    names = {r[2]: r[1] for r in rows(tshark, "fields") if r[0] == "F" and r[4] == "tlstutor"
             and not r[2].startswith("tlstutor.expert.") and r[2] != "tlstutor.part"}
    for field, name in names.items():
        en, ja = labels.get(field.removeprefix("tlstutor.").replace(".", "_"), (None, None))
        assert en == name, f"{field}: LABEL_ row says {en!r}, registered name {name!r}"
        assert ja and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", ja), field
    assert labels["true"] == ("True", "はい") and labels["false"] == ("False", "いいえ")


def test_field_and_expert_names_unique(tshark):
    names = [r[2] for r in rows(tshark, "fields") if r[0] in ("F", "P") and len(r) > 2]
    tutor = [n for n in names if n.startswith("tlstutor")]
    assert len(tutor) == len(set(tutor))
    # Expert infos are registered as fields too (Analyze > Expert Information).
    experts = [n for n in tutor if n.startswith("tlstutor.expert.")]
    assert sorted(experts) == ["tlstutor.expert.cannot_tell", "tlstutor.expert.cert_expired",
                               "tlstutor.expert.cert_not_yet_valid", "tlstutor.expert.client_auth",
                               "tlstutor.expert.deprecated", "tlstutor.expert.failed",
                               "tlstutor.expert.keylog", "tlstutor.expert.midstream",
                               "tlstutor.expert.no_forward_secrecy", "tlstutor.expert.self_signed",
                               "tlstutor.expert.weak_signature", "tlstutor.expert.weak_suite"]


def test_preferences(tshark):
    prefs = tshark.run(["-G", "currentprefs"]).stdout
    assert "#tlstutor.language: English" in prefs
    if at_least(4, 6):   # 4.6 names an enum preference's values, then its descriptions
        assert "# One of: en, ja\n# Equivalently, one of: English, 日本語 (Japanese)\n" in prefs
    else:
        assert "One of: English, 日本語 (Japanese)" in prefs
    assert "#tlstutor.info_column: TRUE" in prefs
    assert "#tlstutor.ports: 443" in prefs
    assert "#tlstutor.udp_ports: 443" in prefs
    assert "#tlstutor.follow_always: FALSE" in prefs


def test_statistics_registered(tshark):
    """-z tlstutor,tree (also Statistics > TLS Handshake Tutor in the GUI),
    -z tlstutor,ladder and the Flow Graph's -z flow,tlstutor (Wireshark 4.0, 4.4
    and 4.6: every version plugin/seqana.h declares)."""
    listed = tshark.run(["-z", "help"]).stderr.split()  # tshark lists them on stderr
    assert {"tlstutor,tree", "tlstutor,ladder", "tlstutor,records", "flow,tlstutor"} <= set(listed)
    assert "tlstutor,tree" not in tshark.run(["-z", "help"], plugin=False).stderr


def test_decode_as_tables(tshark):
    """One Decode As table per transport: TCP for TLS, UDP for QUIC."""
    tables = {r[0]: r for r in rows(tshark, "dissector-tables") if r[0].startswith("tlstutor.")}
    assert sorted(tables) == ["tlstutor.port", "tlstutor.udp_port"]
    assert tables["tlstutor.port"][1] == "TLS Handshake Tutor TCP port"
    assert tables["tlstutor.udp_port"][1] == "TLS Handshake Tutor UDP port"
    assert {t[-1] for t in tables.values()} == {"Decode As supported"}


def test_plugin_loads_without_plugin_is_absent(tshark):
    assert "tlstutor.so" in tshark.run(["-G", "plugins"]).stdout
    assert "tlstutor.so" not in tshark.run(["-G", "plugins"], plugin=False).stdout


def test_catalogue_complete(plugin_so):
    """Every text in both languages (the C check over the compiled catalogue)."""
    check = plugin_so.parent / "catalog_check"
    res = subprocess.run([str(check)], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout
    assert " 0 bad" in res.stdout


def test_every_catalogue_row_has_all_columns():
    """texts.def rows: TEXT has six strings, PHRASE two (compile-time too)."""
    text = (ROOT / "plugin" / "texts.def").read_text()
    assert text.count("\nTEXT(") >= 30
    assert text.count("\nPHRASE(") >= 10


def test_suite_names_taken_apart(plugin_so):
    """The cipher suite decomposition (tests/suite_check.c) on names of every kind."""
    res = subprocess.run([str(plugin_so.parent / "suite_check")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout
    assert " 0 bad" in res.stdout
