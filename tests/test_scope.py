# SPDX-License-Identifier: GPL-2.0-or-later
"""Port scope: 443 by default; the tlstutor.ports preference and Decode As
(tlstutor.port table) change it; other connections are left untouched."""


def annotated(tshark, pcap, *extra):
    return tshark.messages(pcap, extra=extra)


def test_port_443_by_default_not_8443(tshark):
    assert annotated(tshark, "tls12-ecdhe-rsa.pcapng")
    assert annotated(tshark, "tls12-port8443.pcapng") == []


def test_ports_preference_adds_8443(tshark):
    msgs = annotated(tshark, "tls12-port8443.pcapng", "-o", "tlstutor.ports:443,8443")
    assert [m.msg for m in msgs][:2] == ["ClientHello", "ServerHello"]
    assert msgs == annotated(tshark, "tls12-port8443.pcapng", "-o", "tlstutor.ports:8443")


def test_ports_preference_can_remove_443(tshark):
    assert annotated(tshark, "tls12-ecdhe-rsa.pcapng", "-o", "tlstutor.ports:8443") == []


def test_decode_as_adds_8443(tshark):
    by_pref = annotated(tshark, "tls12-port8443.pcapng", "-o", "tlstutor.ports:8443")
    by_decode_as = annotated(tshark, "tls12-port8443.pcapng", "-d", "tlstutor.port==8443,tlstutor")
    assert by_decode_as == by_pref


def test_out_of_scope_gets_no_tree_item(tshark):
    out = tshark.run(["-r", tshark.pcap("tls12-port8443.pcapng"), "-V"]).stdout
    assert "TLS Handshake Tutor" not in out
