# SPDX-License-Identifier: GPL-2.0-or-later
"""What must hold on every supported Wireshark (4.0, 4.4, 4.6; issue #12):
every TLS, X.509 and TCP field the built plugin looks up exists in the
running tshark, and reading certificate details without a visible tree
(filters, -T fields, custom columns, -2, follow_always) works; tshark 4.6
crashed on exactly these before the fix in collect.c's canon()."""
import re

import pytest

# A Wireshark field or protocol name, as the plugin's string literals hold them
# (not the prefix "tls." that collect.c matches its DTLS copies by, which a
# newer gcc may store as "tls.." next to another constant).
FIELD_NAME = re.compile(r"(?:d?tls|quic|x509[a-z]*|pkcs1|pkixalgs|tcp|_ws)\.[A-Za-z0-9_][A-Za-z0-9_.]*")


def names_in_plugin(plugin_so):
    """Every printable string of the built tlstutor.so (like strings(1)) that
    is a Wireshark field name: exactly the names this build looks up."""
    data = plugin_so.read_bytes()
    runs = (m.group().decode() for m in re.finditer(rb"[\x20-\x7e]{4,}", data))
    return {s for s in runs if FIELD_NAME.fullmatch(s)}


def registered_names(tshark):
    rows = [line.split("\t") for line in tshark.run(["-G", "fields"]).stdout.splitlines()]
    return {r[2] for r in rows if r[0] in ("F", "P") and len(r) > 2}


def test_every_field_the_plugin_reads_exists(tshark, plugin_so):
    wanted = names_in_plugin(plugin_so)
    # The extraction finds what the plugin reads (so this test can fail).
    assert {"tls.handshake.type", "tls.handshake.random", "x509af.subject",
            "tcp.connection.fin"} <= wanted and len(wanted) >= 50
    assert sorted(wanted - registered_names(tshark)) == []


def test_no_field_reported_missing(tshark):
    """collect.c warns at start-up about each field it cannot find."""
    res = tshark.run(["-G", "plugins"])
    assert "has no field" not in res.stderr


SELF_SIGNED = "tls12-self-signed.pcapng"


def lines(tshark, args):
    return tshark.run(["-r", tshark.pcap(SELF_SIGNED), *args]).stdout.splitlines()


def test_details_without_a_visible_tree(tshark):
    assert lines(tshark, ["-Y", "tlstutor.sni", "-T", "fields", "-e", "frame.number",
                          "-e", "tlstutor.sni"]) == ["4\tselfsigned.tutor.test"]
    assert lines(tshark, ["-Y", 'tlstutor.cert_subject contains "selfsigned"', "-T", "fields",
                          "-e", "frame.number", "-e", "tlstutor.cert_subject",
                          "-e", "tlstutor.cert_issuer"]) == \
        ["6\tselfsigned.tutor.test\tselfsigned.tutor.test"]
    assert lines(tshark, ["-Y", "tlstutor.expert.self_signed", "-T", "fields",
                          "-e", "frame.number"]) == ["6"]
    column = 'gui.column.format:"No.","%m","Subject","%Cus:tlstutor.cert_subject"'
    assert [" ".join(l.split()) for l in lines(tshark, ["-Y", "tlstutor.cert_count", "-o", column])] \
        == ["6 selfsigned.tutor.test"]


@pytest.mark.parametrize("extra", [[], ["-2"], ["-o", "tlstutor.follow_always:TRUE"]],
                         ids=["one-pass", "two-pass", "follow_always"])
def test_carries_without_a_visible_tree(tshark, extra):
    out = lines(tshark, [*extra, "-Y", "tlstutor.cert_count", "-T", "fields",
                         "-e", "frame.number", "-e", "tlstutor.carries"])
    assert len(out) == 1 and out[0].startswith("6\tVersion chosen: TLS 1.2 (0x0303),")
    assert ",Certificate 1: subject selfsigned.tutor.test," in out[0]
    # The key size comes from pkcs1.modulus until 4.4, pkixalgs.modulus in 4.6.
    assert ",Certificate 1: RSA public key of 2048 bits," in out[0]
