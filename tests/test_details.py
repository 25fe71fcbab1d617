# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark asks TLS for the fields only the texts quote (X.509 names, the SNI,
key exchange details) only while someone looks at those texts, and the tutor
reads a message's values again whenever it shows the message. Whatever asks
for the texts must get the same values as a full -V/PDML run."""
import pytest

from test_unchanged import CAPTURES, keys_of

VALUE_FIELDS = ["tlstutor.carries", "tlstutor.sni", "tlstutor.suites_offered", "tlstutor.suites_grease",
                "tlstutor.cert_count", "tlstutor.cert_subject", "tlstutor.cert_issuer"]


def from_pdml(tshark, pcap, keys, field, extra=()):
    """{frame: [values of field]} from a PDML run (a visible tree); the run
    and its parse are shared with messages() and the other fields."""
    out = {}
    for packet in tshark.pdml(pcap, keys, extra=extra).iter("packet"):
        num = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        values = [f.get("show") for f in packet.iter("field") if f.get("name") == field]
        if values:
            out[num] = values
    return out


def from_column(tshark, pcap, keys, field, extra=()):
    """{frame: all values of field joined by ","} from a custom column: a
    summary line, so tshark builds a tree nobody sees, with only the fields
    the column and the filter name (-T fields and -V make every item)."""
    fmt = f'gui.column.format:"No.","%m","V","%Cus:{field}"'
    args = ["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-o", fmt, *tshark.opts(keys), *extra]
    out = {}
    for line in tshark.run(args).stdout.split("\n"):
        num, _, values = line.strip().partition(" ")
        if values.strip():
            out[int(num)] = values.strip()
    return out


def from_fields(tshark, pcap, keys, field, extra=()):
    """{frame: [values of field]} from -T fields."""
    args = ["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields", "-e", "frame.number",
            "-e", field, "-E", "occurrence=a", "-E", "aggregator=\x1e", *tshark.opts(keys), *extra]
    out = {}
    for line in tshark.run(args).stdout.split("\n"):  # not splitlines: it splits at \x1e
        num, _, values = line.partition("\t")
        if values:
            out[int(num)] = values.split("\x1e")
    return out


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_values_without_a_visible_tree(tshark, pcap, with_keys):
    keys = keys_of(pcap) if with_keys else None
    for field in VALUE_FIELDS:
        full = {n: ",".join(v) for n, v in from_pdml(tshark, pcap, keys, field).items()}
        column = from_column(tshark, pcap, keys, field)
        assert column.keys() == full.keys(), field
        for n, text in column.items():
            # A column holds at most COL_MAX_LEN bytes; from 4.4 on a cut
            # column starts with "[…] " (the long ClientHellos of browsers).
            text = text.removeprefix("[…] ")
            assert full[n].startswith(text) and len(text) >= min(len(full[n]), 200), (field, n)


@pytest.mark.parametrize("two_pass", [["-2"], ["-2", "-R", "tlstutor"], ["-2", "-R", "tls"]],
                         ids=["2", "2R-tlstutor", "2R-tls"])
def test_values_on_a_second_pass(tshark, two_pass):
    """The first pass reads without the texts' fields (nothing asked for
    them); the second shows the values, starting at frame 1, which here
    holds a Certificate."""
    pcap = "malformed/midstream-certificate.pcapng"
    for field in ["tlstutor.cert_subject", "tlstutor.carries"]:
        single = from_column(tshark, pcap, None, field)
        assert 1 in single, field
        assert list(from_column(tshark, pcap, None, field, two_pass).values()) == \
            list(single.values()), field


def test_expert_infos_of_certificates_without_details_asked(tshark):
    """-z expert and _ws.expert filters look at the certificate warnings,
    which only the X.509 fields tell."""
    pcap = tshark.pcap("tls12-self-signed.pcapng")
    out = tshark.run(["-r", pcap, "-Y", "tlstutor", "-q", "-z", "expert"]).stdout
    assert "Self-signed certificate: selfsigned.tutor.test" in out
    by_expert = tshark.run(["-r", pcap, "-Y", "tlstutor.expert.self_signed",
                            "-T", "fields", "-e", "frame.number"]).stdout.split()
    by_severity = tshark.run(["-r", pcap, "-Y", "_ws.expert.severity >= warning && tlstutor",
                              "-T", "fields", "-e", "frame.number"]).stdout.split()
    assert by_expert and set(by_expert) <= set(by_severity)


def test_suite_fields_without_details(tshark):
    """tlstutor.suite and its parts come from fields the flow reads anyway
    (TLS 1.3's key exchange from the key_share group)."""
    out = tshark.run(["-r", tshark.pcap("tls13.pcapng"), "-Y", "tlstutor.suite", "-T", "fields",
                      "-e", "tlstutor.suite", "-e", "tlstutor.kx", "-e", "tlstutor.auth"]).stdout
    assert out.split("\n")[0].split("\t") == ["TLS_AES_256_GCM_SHA384", "ECDHE", "certificate"]
