# SPDX-License-Identifier: GPL-2.0-or-later
"""Texts corrected against the RFCs (issue #13): each correction, exactly,
in both languages, on a bundled capture where it shows. A case picks one
message (its tlstutor.msg, sender and which of them) and one field; for a
field that the message has several times (tlstutor.skipped,
tlstutor.carries) the expected line must be one of them, otherwise the
field's value must be exactly the expected text.

The numbers are the points of the issue: 1 server authentication in TLS
1.2, 2 TLS 1.3 application keys, 3 contacting the CA, 4 PSK flights, 5 the
TLS 1.3 certificate, 6 the ticket is not the key, 7 Finished's short form,
8 the RSA premaster secret, 9 the optional compatibility ChangeCipherSpec,
10 close_notify, 11 EndOfEarlyData and HelloRetryRequest, 14 and 15
ChangeCipherSpec's protocol and the Japanese words and speakers; "review
Fn" marks a finding of docs/catalogue-review.md (F8, F9, F15, F23: texts
chosen by the chosen cipher suite, on tls12-anon-dh, tls12-psk,
tls12-ecdhe-psk and tls12-null)."""
from dataclasses import dataclass

import pytest

from test_reference import messages_with_lines


@dataclass
class Case:
    name: str
    point: str
    pcap: str
    keys: str | None
    message: tuple      # (tlstutor.msg, tlstutor.sender, nth: 1, 2, ...)
    field: str
    en: object          # str, or for a repeated field the one line that must be there
    ja: object


CASES = [
    Case('server_hello_says_how_the_server_proves_its_key', '1', 'tls12-ecdhe-rsa.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.explain',
         en="The ServerHello fixes what the client offered: one protocol version, one cipher suite, one compression method. It carries the server random, the second input to the key calculation, and the session ID under which the session can be resumed. Next the server sends its certificate. A certificate is public and proves nothing by itself: with an (EC)DHE suite the server proves it holds the certificate's private key by signing its ServerKeyExchange, over both randoms so that an old signature cannot be replayed; with RSA key exchange only that key can decrypt the premaster secret, and the server's Finished shows that it did.",
         ja='ServerHelloは、クライアントの提案からプロトコルのバージョン、暗号スイート、圧縮方式を一つずつ決めます。鍵の計算に使う二つ目の乱数であるサーバーランダムと、セッションを再開するときに使うセッションIDを運びます。次にサーバーは証明書を送ります。証明書は公開されているものなので、それだけでは何も証明しません。(EC)DHEの暗号スイートでは、サーバーは証明書の秘密鍵でServerKeyExchangeに署名して、その鍵を持っていることを示します。署名は二つの乱数も対象にするので、古い署名を使い回すことはできません。RSA鍵交換では、プレマスターシークレットを復号できるのはその秘密鍵の持ち主だけで、サーバーのFinishedが復号できたことを示します。',
    ),
    Case('rsa_key_exchange_proves_the_key_implicitly', '1', 'tls12-rsa.pcapng', None, ('ServerHelloDone', 'server', 1), 'tlstutor.skipped',
         en="No ServerKeyExchange (step 4): RSA key exchange, the client encrypts the premaster secret with the server's public key from the certificate, so the server has no parameters to send. The server proves it holds the certificate's private key only implicitly, by decrypting the premaster secret, which its Finished confirms (and there is no forward secrecy).",
         ja='ServerKeyExchange(手順4)なし: RSA鍵交換では、クライアントがプレマスターシークレットを証明書にあるサーバーの公開鍵で暗号化するので、サーバーが送るパラメータはありません。サーバーが証明書の秘密鍵を持っていることは、プレマスターシークレットを復号できたことで間接的に示され、サーバーのFinishedがそれを確かめます(前方秘匿性はありません)。',
    ),
    Case('tls13_application_keys_after_the_servers_finished', '2', 'tls13.pcapng', 'tls13.keys', ('Finished', 'client', 1), 'tlstutor.explain',
         en="The client's Finished is an HMAC over a hash of all handshake messages, keyed from the client's handshake traffic secret; the server checks it. The application traffic keys were already derived from the handshake up to the server's Finished: the server may send application data right after its own Finished, and the client switches to them after sending this message.",
         ja='クライアントのFinishedは、全ハンドシェイクメッセージのハッシュ値に対するHMACで、鍵はクライアントのハンドシェイク用トラフィックシークレットから導きます。サーバーはこれを検証します。アプリケーションデータ用の鍵は、サーバーのFinishedまでのハンドシェイクからすでに導かれています。サーバーは自分のFinishedの直後からアプリケーションデータを送ってよく、クライアントはこのメッセージを送った後にその鍵に切り替えます。',
    ),
    Case('checking_a_chain_needs_no_ca_but_revocation_may', '3', 'tls12-ecdhe-rsa.pcapng', None, ('Certificate', 'server', 1), 'tlstutor.explain',
         en="The server sends its certificate, usually followed by the certificates of the intermediate certificate authorities (CA). The client checks the chain against the root certificates it already trusts and checks that the name matches the server it wanted. Checking the signatures of the chain needs no contact with the CA, but many clients also fetch a missing intermediate certificate or ask whether the certificate was revoked (OCSP, CRL), unless the server staples that answer (CertificateStatus). The certificate also gives the client the server's public key.",
         ja='サーバーは自分のサーバー証明書を、通常は中間認証局(CA)の証明書と一緒に送ります。クライアントは手元で信頼しているルート証明書までの証明書チェーンを検証し、接続したかったサーバーの名前と一致するかを確かめます。チェーンの署名の検証には認証局への問い合わせは要りませんが、多くのクライアントは足りない中間証明書を取りに行ったり、証明書が失効していないかを問い合わせたり(OCSP、CRL)します。サーバーがその答えを添付していれば(CertificateStatus)問い合わせは不要です。証明書によってクライアントはサーバーの公開鍵も得ます。',
    ),
    Case('certificate_check_line', '3', 'tls12-ecdhe-rsa.pcapng', None, ('Certificate', 'server', 1), 'tlstutor.carries',
         en='The client checks this chain against the root certificates it already trusts; the signatures need no contact with the CA, but many clients also ask whether a certificate was revoked (OCSP, CRL) or fetch a missing intermediate',
         ja='クライアントはこの証明書チェーンを手元で信頼しているルート証明書と照合します。署名の検証に認証局への問い合わせは要りませんが、多くのクライアントは失効の有無も問い合わせたり(OCSP、CRL)、足りない中間証明書を取りに行ったりします',
    ),
    Case('psk_server_flight_promises_no_certificate', '4', 'tls13-psk.pcapng', None, ('EncryptedHandshake', 'server', 2), 'tlstutor.says',
         en='Server: (encrypted) the rest of my handshake: my extensions and my Finished; our pre-shared key vouches for me, so no certificate.',
         ja='サーバー: (暗号化して)ハンドシェイクの残りを送ります。拡張とFinishedです。事前共有鍵が私を保証するので、証明書は送りません。',
    ),
    Case('psk_client_flight_promises_no_certificate', '4', 'tls13-psk.pcapng', None, ('EncryptedHandshake', 'client', 2), 'tlstutor.says',
         en='Client: (encrypted) my end of the handshake: my Finished.',
         ja='クライアント: (暗号化して)こちらのハンドシェイクを締めくくります。Finishedです。',
    ),
    Case('full_server_flight', '4', 'tls13-psk.pcapng', None, ('EncryptedHandshake', 'server', 1), 'tlstutor.says',
         en='Server: (encrypted) the rest of my handshake: my extensions, my certificate, my signature, my Finished.',
         ja='サーバー: (暗号化して)ハンドシェイクの残りを送ります。拡張、証明書、署名、そしてFinishedです。',
    ),
    Case('tls13_certificate_hidden_from_an_eavesdropper_only', '5', 'tls13.pcapng', 'tls13.keys', ('Certificate', 'server', 1), 'tlstutor.says',
         en='Server: here is my certificate (encrypted, so an eavesdropper on this connection does not see it).',
         ja='サーバー: これが私のサーバー証明書です(暗号化しているので、この接続の盗聴者には見えません)。',
    ),
    Case('tls13_certificate_explained', '5', 'tls13.pcapng', 'tls13.keys', ('Certificate', 'server', 1), 'tlstutor.explain',
         en='As in TLS 1.2 the client checks the certificate chain against the roots it trusts and the name against the server it wanted. In TLS 1.3 the certificate travels encrypted with the handshake keys derived from the key_share exchange. That hides it from a passive eavesdropper of this connection, not from everyone: the certificate is public, anyone can get it by connecting to the server, and the server name (SNI) in the ClientHello usually names the site anyway. Wireshark shows it only with a key log.',
         ja='TLS 1.2と同じく、クライアントは信頼するルート証明書までの証明書チェーンと、接続先の名前を検証します。TLS 1.3では証明書はkey_shareの交換から導いたハンドシェイク用の鍵で暗号化されて送られます。それで隠れるのはこの接続を受動的に盗聴する者からだけです。証明書は公開されているもので、サーバーに接続すれば誰でも得られますし、ClientHelloのサーバー名(SNI)がたいていサイトを示しています。Wiresharkでも鍵ログがあるときだけ表示されます。',
    ),
    Case('tls13_ticket_names_a_key', '6', 'tls13.pcapng', 'tls13.keys', ('NewSessionTicket', 'server', 1), 'tlstutor.explain',
         en="In TLS 1.3 tickets come after the server's Finished, encrypted like application data: usually once the client's Finished has arrived, though a server that did not ask for a client certificate may send them right after its own Finished, so a capture can show a ticket before the client's Finished. The ticket is not the key: it names a pre-shared key (PSK) that both sides derive from this session's resumption secret and the ticket's nonce, which an eavesdropper does not know. A later connection presents the ticket, proves that it knows the PSK (the binder), and can skip the certificate.",
         ja='TLS 1.3ではチケットはサーバーのFinishedの後に、アプリケーションデータと同じく暗号化されて送られます。ふつうはクライアントのFinishedが届いてからですが、クライアント証明書を求めなかったサーバーは自分のFinishedの直後に送ってもよいので、キャプチャではクライアントのFinishedより前にチケットが見えることもあります。チケットは鍵そのものではありません。この接続の再開用シークレット(resumption secret)とチケットのnonceから双方が導く事前共有鍵(PSK)の名前で、盗聴者はその鍵を知りません。次の接続ではチケットを示してPSKを知っていること(binder)を証明し、証明書のやりとりを省けます。',
    ),
    Case('tls13_ticket_says', '6', 'tls13.pcapng', 'tls13.keys', ('NewSessionTicket', 'server', 1), 'tlstutor.says',
         en='Server: keep this ticket; next time show it, and we can resume with the pre-shared key we both derive from this session.',
         ja='サーバー: このチケットを持っていてください。次回これを示せば、この接続から双方が導く事前共有鍵(PSK)で再開できます。',
    ),
    Case('finished_short_form_client', '7', 'tls12-ecdhe-rsa.pcapng', None, ('Finished', 'client', 1), 'tlstutor.message',
         en='11 Finished: client sends a check value over the handshake',
         ja='11 Finished: クライアントがハンドシェイクの検証値を送る',
    ),
    Case('finished_short_form_server', '7', 'tls12-ecdhe-rsa.pcapng', None, ('Finished', 'server', 1), 'tlstutor.message',
         en='13 Finished: server sends a check value over the handshake',
         ja='13 Finished: サーバーがハンドシェイクの検証値を送る',
    ),
    Case('rsa_premaster_secret_is_version_and_46_random_bytes', '8', 'tls12-rsa.pcapng', None, ('ClientKeyExchange', 'client', 1), 'tlstutor.carries',
         en="Encrypted premaster secret: 256 bytes; the premaster secret is 48 bytes, the highest version the client offered (2 bytes, so that a version rollback shows) and 46 random bytes, encrypted with the server's RSA public key (PKCS #1 v1.5)",
         ja='暗号化されたプレマスターシークレット: 256バイト。プレマスターシークレットは48バイトで、クライアントが提示した最高のバージョン(2バイト、バージョンを下げる攻撃を見破るため)と46バイトの乱数からなり、サーバーのRSA公開鍵で(PKCS #1 v1.5により)暗号化されています',
    ),
    Case('compatibility_change_cipher_spec_is_optional', '9', 'tls13.pcapng', None, ('ChangeCipherSpec', 'server', 1), 'tlstutor.explain',
         en='TLS 1.3 has no ChangeCipherSpec step: keys change by themselves after the ServerHello. An implementation may still send one dummy ChangeCipherSpec (middlebox compatibility mode, optional, RFC 8446 appendix D.4) so that the connection looks like a resumed TLS 1.2 handshake to network devices; it travels in clear text and the peer ignores it.',
         ja='TLS 1.3にはChangeCipherSpecの段階がなく、ServerHelloの後で鍵は自動的に切り替わります。それでも実装はダミーのChangeCipherSpecを一つ送ることがあります(ミドルボックス互換モード、任意、RFC 8446 付録D.4)。ネットワーク機器からTLS 1.2の再開ハンドシェイクのように見せるためで、暗号化されずに送られ、相手はこれを無視します。',
    ),
    Case('tls13_server_hello_handshake_messages_encrypted', '9', 'tls13.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.explain',
         en="In TLS 1.3 the hellos already carry both halves of the (EC)DHE key exchange (key_share), so there is no ServerKeyExchange or ClientKeyExchange and both sides compute the handshake keys right away. Every handshake message the server sends after it, certificate included, is encrypted; a compatibility ChangeCipherSpec, if one follows, is not a handshake message and stays in clear text. The record layer and the ServerHello's legacy_version field still say TLS 1.2 (0x0303), because old middleboxes break on new version numbers; the version really chosen is in the supported_versions extension.",
         ja='TLS 1.3では二つのハローがすでに(EC)DHE鍵交換の双方の値(key_share)を運ぶので、ServerKeyExchangeもClientKeyExchangeもなく、双方はすぐにハンドシェイク用の鍵を計算できます。この後にサーバーが送るハンドシェイクメッセージは、証明書も含めてすべて暗号化されます。互換性のためのChangeCipherSpecが続くことがありますが、それはハンドシェイクメッセージではなく、暗号化されません。レコード層とServerHelloのlegacy_versionは今でもTLS 1.2 (0x0303)と書かれています。古い中継機器が新しいバージョン番号で誤動作するためで、実際に選ばれたバージョンはsupported_versions拡張にあります。',
    ),
    Case('close_notify_per_version', '10', 'tls12-ecdhe-rsa.pcapng', 'tls12-ecdhe-rsa.keys', ('Alert', 'server', 1), 'tlstutor.explain',
         en='close_notify is the polite, normal end of a connection: the sender will send nothing more, so the peer knows the data was not cut short by an attacker. It usually appears at the very end, after the application data, encrypted (without a key log Wireshark shows "Encrypted Alert" in TLS 1.2, and Application Data in TLS 1.3, which hides the record type). In TLS 1.2 the peer must answer with its own close_notify and close at once; in TLS 1.3 it closes only the sender\'s direction, and the peer may still send data before its own close_notify. Many implementations then simply close TCP.',
         ja='close_notifyは接続の丁寧で正常な終わり方です。送信側はもう何も送らないことを伝え、相手はデータが攻撃者に途中で切られたのではないと分かります。通常はアプリケーションデータの後、最後に暗号化されて現れます(鍵ログがなければ、WiresharkではTLS 1.2では「Encrypted Alert」、レコードの種類を隠すTLS 1.3ではApplication Dataと表示)。TLS 1.2では相手も自分のclose_notifyを返してすぐに閉じなければなりません。TLS 1.3では閉じるのは送信側の方向だけで、相手は自分のclose_notifyの前にまだデータを送れます。その後は多くの実装が単にTCPを閉じます。',
    ),
    Case('end_of_early_data_only_if_accepted', '11', 'tls13-early-data.pcapng', 'tls13-early-data.keys', ('EndOfEarlyData', 'client', 1), 'tlstutor.explain',
         en='TLS 1.3 only. A client that sent early data with a resumption ticket marks its end with this message, then sends its Finished. It is sent only when the server accepted the early data (its EncryptedExtensions carries early_data).',
         ja='TLS 1.3だけのメッセージです。再開用のチケットでアーリーデータを送ったクライアントは、このメッセージでその終わりを示し、続いてFinishedを送ります。サーバーがアーリーデータを受け入れた(EncryptedExtensionsにearly_dataがある)ときだけ送られます。',
    ),
    Case('hello_retry_request_cookie', '11', 'tls13-hrr.pcapng', None, ('HelloRetryRequest', 'server', 1), 'tlstutor.explain',
         en='A HelloRetryRequest looks like a ServerHello, but its random is a fixed value (RFC 8446, 4.1.3). The server sends it when the ClientHello lacks something it needs, most often a key share for a group it accepts; it may also carry a cookie that the client must send back, for example so that the server need keep no state. The client answers with a second ClientHello.',
         ja='HelloRetryRequestはServerHelloと同じ形ですが、乱数が決まった値です(RFC 8446 4.1.3)。ClientHelloに必要なものが足りないとき、多くはサーバーが受け入れるグループの鍵共有がないときにサーバーが送ります。クライアントがそのまま送り返すべきクッキー(cookie)を含むこともあり、たとえばサーバーが状態を保持しなくて済むようにするためです。クライアントは二度目のClientHelloで答えます。',
    ),
    Case('hello_retry_request_says', '11', 'tls13-hrr.pcapng', None, ('HelloRetryRequest', 'server', 1), 'tlstutor.says',
         en='Server: please say hello again, with what I ask for here (usually a key share for another group).',
         ja='サーバー: ここで求めるもの(たいていは別のグループの鍵共有)を付けて、あいさつをやり直してください。',
    ),
    Case('change_cipher_spec_is_its_own_protocol', '14, 15', 'tls12-ecdhe-rsa.pcapng', None, ('ChangeCipherSpec', 'client', 1), 'tlstutor.explain',
         en="ChangeCipherSpec is not a handshake message: it is the only message of its own protocol, the change cipher spec protocol (record content type 20), and it is a single byte, the value 1. It tells the server that the client's next record, the Finished, is protected with the newly agreed cipher suite and keys.",
         ja='ChangeCipherSpecはハンドシェイクプロトコルのメッセージではなく、暗号仕様変更プロトコル(レコードのコンテンツタイプ20)のただ一つのメッセージで、値1の1バイトだけです。クライアントの次のレコード(Finished)から、合意した暗号スイートと鍵で保護することをサーバーに伝えます。',
    ),
    Case('key_update_names_its_speaker_client', '15', 'tls13-keyupdate.pcapng', 'tls13-keyupdate.keys', ('KeyUpdate', 'client', 1), 'tlstutor.says',
         en='Client: from now on I encrypt with fresh keys.',
         ja='クライアント: これからは新しい鍵で暗号化します。',
    ),
    Case('key_update_names_its_speaker_server', '15', 'tls13-keyupdate.pcapng', 'tls13-keyupdate.keys', ('KeyUpdate', 'server', 1), 'tlstutor.says',
         en='Server: from now on I encrypt with fresh keys.',
         ja='サーバー: これからは新しい鍵で暗号化します。',
    ),
    Case('client_key_exchange_says', '15', 'tls12-ecdhe-rsa.pcapng', None, ('ClientKeyExchange', 'client', 1), 'tlstutor.says',
         en='Client: here is my share of the key exchange.',
         ja='クライアント: 鍵交換に使う、こちら側の値を送ります。',
    ),
    Case('certificate_verify_is_not_ssl30s', '15', 'tls12-client-cert.pcapng', 'tls12-client-cert.keys', ('CertificateVerify', 'client', 1), 'tlstutor.explain',
         en="A certificate alone proves nothing, since anyone can copy it. The client signs a hash of all handshake messages so far with the private key that belongs to its certificate; the server checks the signature with the public key in the client's certificate. (SSL 3.0 also hashed the master secret into what is signed, as some textbooks still describe; TLS signs the handshake messages only.)",
         ja='証明書は誰でもコピーできるので、それだけでは何も証明しません。クライアントはここまでの全ハンドシェイクメッセージのハッシュ値に、証明書に対応する秘密鍵で署名します。サーバーはクライアント証明書の公開鍵で署名を検証します。(署名する対象にマスターシークレットも含めると説明する教科書がありますが、それはSSL 3.0のやり方で、TLSではハンドシェイクメッセージだけに署名します。)',
    ),
    Case('server_finished_complete_only_when_both_match', 'review F1', 'tls12-resumed-id.pcapng', None, ('Finished', 'server', 1), 'tlstutor.says',
         en="Server: here is my check value over everything we said, encrypted; once both check values match, the handshake is complete.",
         ja="サーバー: これまでのやりとり全体の検証値を、暗号化して送ります。双方の検証値が一致すれば、ハンドシェイクは完了です。",
    ),
    Case('tls13_certificate_request_has_no_certificate_types', 'review F3', 'tls13-client-auth.pcapng', 'tls13-client-auth.keys', ('CertificateRequest', 'server', 1), 'tlstutor.explain',
         en="The server wants to authenticate the client as well (client authentication). It lists the signature algorithms it accepts (in TLS 1.2 also the certificate types) and, usually, the certificate authorities it trusts. The client answers with its own Certificate and proves ownership of its key with a CertificateVerify.",
         ja="サーバーはクライアントも認証したい(クライアント認証)のです。受け付ける署名アルゴリズム(TLS 1.2では証明書の種類も)と、通常は信頼する認証局の一覧を示します。クライアントは自分のCertificateで答え、CertificateVerifyで鍵を持っていることを証明します。",
    ),
    Case('anonymous_server_key_exchange_is_unsigned', 'review F8', 'tls12-anon-dh.pcapng', None, ('ServerKeyExchange', 'server', 1), 'tlstutor.says',
         en='Server: here are my Diffie-Hellman parameters for the key exchange; they are not signed.',
         ja='サーバー: 鍵交換のためのDiffie-Hellmanのパラメータです。署名はしていません。',
    ),
    Case('anonymous_server_key_exchange_explained', 'review F8', 'tls12-anon-dh.pcapng', None, ('ServerKeyExchange', 'server', 1), 'tlstutor.explain',
         en='With an anonymous cipher suite (DH_anon, ECDH_anon) the server sends its Diffie-Hellman parameters without a signature: nothing proves who sent them, and a man in the middle can replace them with its own. The client answers with its own value in the ClientKeyExchange; both then compute the same premaster secret, but neither side knows who is on the other end.',
         ja='匿名の暗号スイート(DH_anon、ECDH_anon)では、サーバーはDiffie-Hellmanのパラメータを署名なしで送ります。誰が送ったかを証明するものはなく、中間者が自分の値に差し替えることができます。クライアントはClientKeyExchangeで自分の値を返し、双方が同じプレマスターシークレットを計算しますが、どちらも相手が誰かは分かりません。',
    ),
    Case('anonymous_dh_values_line_unsigned', 'review F8', 'tls12-anon-dh.pcapng', None, ('ServerKeyExchange', 'server', 1), 'tlstutor.carries',
         en="Diffie-Hellman parameters: a 1024-bit prime p and a generator g; the server's public value is not signed",
         ja='Diffie-Hellmanのパラメータ: 1024ビットの素数pと生成元g。サーバーの公開値は署名されていません',
    ),
    Case('anonymous_server_hello_promises_no_certificate', 'review F8', 'tls12-anon-dh.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.explain',
         en='The ServerHello fixes what the client offered: one protocol version, one cipher suite, one compression method. It carries the server random, the second input to the key calculation, and the session ID under which the session can be resumed. The chosen suite is anonymous (DH_anon or ECDH_anon): the server sends no certificate, only Diffie-Hellman parameters without a signature in its ServerKeyExchange, so nothing proves who the server is. Such a connection is protected only against a passive eavesdropper: a man in the middle can run a key exchange with each side and read everything.',
         ja='ServerHelloは、クライアントの提案からプロトコルのバージョン、暗号スイート、圧縮方式を一つずつ決めます。鍵の計算に使う二つ目の乱数であるサーバーランダムと、セッションを再開するときに使うセッションIDを運びます。選ばれたのは匿名の暗号スイート(DH_anonまたはECDH_anon)です。サーバーは証明書を送らず、ServerKeyExchangeで署名のないDiffie-Hellmanのパラメータを送るだけなので、サーバーが誰かを証明するものはありません。このような接続が守られるのは受動的な盗聴者に対してだけで、中間者は双方とそれぞれ鍵交換をして、すべてを読むことができます。',
    ),
    Case('anonymous_suite_is_not_authenticated', 'review F15', 'tls12-anon-dh.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.carries',
         en='TLS_DH_anon_WITH_AES_128_GCM_SHA256 = DH key exchange (not authenticated: a man in the middle can replace the Diffie-Hellman values and read everything) + anonymous authentication + AES-128-GCM bulk cipher + SHA-256 hash',
         ja='TLS_DH_anon_WITH_AES_128_GCM_SHA256 = 鍵交換DH(認証なし: 中間者がDiffie-Hellmanの値を差し替えて、すべてを読むことができます) + 認証anonymous + 共通鍵暗号AES-128-GCM + ハッシュSHA-256',
    ),
    Case('anonymous_server_hello_done_checks_no_certificate', 'review F8', 'tls12-anon-dh.pcapng', None, ('ServerHelloDone', 'server', 1), 'tlstutor.explain',
         en="ServerHelloDone is empty: it only marks the end of the server's first flight. With this cipher suite the server sent no certificate, so there is none to check: the client now sends its key exchange.",
         ja='ServerHelloDoneは中身が空で、サーバーの最初の送信のまとまりが終わったことだけを示します。この暗号スイートではサーバーは証明書を送らないので、検証する証明書はありません。クライアントはここで鍵交換を送ります。',
    ),
    Case('psk_without_hint_skips_server_key_exchange', 'review F9', 'tls12-psk.pcapng', None, ('ServerHelloDone', 'server', 1), 'tlstutor.skipped',
         en='No ServerKeyExchange (step 4): with this pre-shared key (PSK) suite the server sends one only to give a PSK identity hint, and it gives none; the client names the pre-shared key it uses (its PSK identity) in its ClientKeyExchange.',
         ja='ServerKeyExchange(手順4)なし: この事前共有鍵(PSK)の暗号スイートでは、サーバーはPSKのidentityのヒントを渡すときだけこれを送り、今回はヒントがありません。クライアントは使う事前共有鍵の名前(PSKのidentity)をClientKeyExchangeで示します。',
    ),
    Case('psk_server_hello_uses_the_key', 'review F9', 'tls12-psk.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.says',
         en='Server: hello! I choose this version and this cipher suite, which uses our pre-shared key instead of a certificate; here is my random and the session ID.',
         ja='サーバー: こんにちは。このバージョンと、証明書の代わりに事前共有鍵を使うこの暗号スイートに決めました。サーバーランダム(乱数)とセッションIDを送ります。',
    ),
    Case('psk_long_term_key_is_the_psk', 'review F15', 'tls12-psk.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.carries',
         en='TLS_PSK_WITH_AES_128_GCM_SHA256 = PSK key exchange (no forward secrecy: whoever later gets the pre-shared key can decrypt this capture) + PSK authentication + AES-128-GCM bulk cipher + SHA-256 hash',
         ja='TLS_PSK_WITH_AES_128_GCM_SHA256 = 鍵交換PSK(前方秘匿性なし: 後で事前共有鍵を得た者はこのキャプチャを復号できます) + 認証PSK + 共通鍵暗号AES-128-GCM + ハッシュSHA-256',
    ),
    Case('ecdhe_psk_server_key_exchange_hint_and_values', 'review F8', 'tls12-ecdhe-psk.pcapng', None, ('ServerKeyExchange', 'server', 1), 'tlstutor.explain',
         en="With DHE_PSK or ECDHE_PSK this message carries a PSK identity hint (possibly empty) and the server's fresh Diffie-Hellman value, without a signature. The client answers with its PSK identity and its own Diffie-Hellman value in the ClientKeyExchange. The premaster secret combines the Diffie-Hellman result with the pre-shared key, so only a side that knows that key reaches the same keys, and a man in the middle who replaces the values fails at the Finished messages. The fresh Diffie-Hellman values give forward secrecy.",
         ja='DHE_PSKやECDHE_PSKでは、このメッセージはPSKのidentityのヒント(空のこともあります)と、サーバーの新しいDiffie-Hellmanの値を、署名なしで運びます。クライアントはClientKeyExchangeで自分のPSKのidentityとDiffie-Hellmanの値を返します。プレマスターシークレットはDiffie-Hellmanの結果と事前共有鍵を組み合わせたものなので、その鍵を知っている側だけが同じ鍵にたどり着き、値を差し替えた中間者はFinishedで失敗します。新しいDiffie-Hellmanの値により前方秘匿性があります。',
    ),
    Case('ecdhe_psk_server_key_exchange_says', 'review F8', 'tls12-ecdhe-psk.pcapng', None, ('ServerKeyExchange', 'server', 1), 'tlstutor.says',
         en='Server: here is a hint for the pre-shared key, and my Diffie-Hellman parameters, not signed.',
         ja='サーバー: 事前共有鍵のヒントと、署名のないDiffie-Hellmanのパラメータです。',
    ),
    Case('rsa_suite_still_says_rsa_key_exchange', 'review F9', 'tls12-null.pcapng', None, ('ServerHelloDone', 'server', 1), 'tlstutor.skipped',
         en="No ServerKeyExchange (step 4): RSA key exchange, the client encrypts the premaster secret with the server's public key from the certificate, so the server has no parameters to send. The server proves it holds the certificate's private key only implicitly, by decrypting the premaster secret, which its Finished confirms (and there is no forward secrecy).",
         ja='ServerKeyExchange(手順4)なし: RSA鍵交換では、クライアントがプレマスターシークレットを証明書にあるサーバーの公開鍵で暗号化するので、サーバーが送るパラメータはありません。サーバーが証明書の秘密鍵を持っていることは、プレマスターシークレットを復号できたことで間接的に示され、サーバーのFinishedがそれを確かめます(前方秘匿性はありません)。',
    ),
    Case('null_cipher_finished_client_in_clear', 'review F23', 'tls12-null.pcapng', None, ('Finished', 'client', 1), 'tlstutor.says',
         en='Client: here is a check value over everything we said, with a MAC but not encrypted; if yours matches, nobody tampered with our handshake.',
         ja='クライアント: これまでのやりとり全体の検証値を送ります。MACは付けますが、暗号化はしていません。あなたの計算と一致すれば、ハンドシェイクは改ざんされていません。',
    ),
    Case('null_cipher_change_cipher_spec_client', 'review F23', 'tls12-null.pcapng', None, ('ChangeCipherSpec', 'client', 1), 'tlstutor.says',
         en='Client: from now on, everything I send carries a MAC made with the keys we agreed; this cipher suite does not encrypt.',
         ja='クライアント: これから送るものには、合意した鍵でMACを付けます。この暗号スイートは暗号化しません。',
    ),
    Case('null_cipher_application_data_client', 'review F23', 'tls12-null.pcapng', None, ('ApplicationData', 'client', 1), 'tlstutor.explain',
         en="The handshake is over (with False Start, RFC 7918, a TLS 1.2 client may already send this before the server's Finished). This is the client's first record of application data (for HTTPS, the HTTP request), authenticated with a MAC made with the keys derived from the master secret, but not encrypted: the cipher suite's bulk cipher is NULL. Anyone on the path can read it; the MAC only keeps it from being changed unnoticed.",
         ja='ハンドシェイクは終わりました(TLS 1.2のFalse Start(RFC 7918)では、クライアントはサーバーのFinishedの前にこれを送ることがあります)。これはクライアントの最初のアプリケーションデータのレコード(HTTPSならHTTPの要求)で、マスターシークレットから導いた鍵によるMACで認証されていますが、暗号スイートの共通鍵暗号がNULLなので暗号化されていません。経路上の誰でも読むことができ、MACが防ぐのは気づかれずに書き換えられることだけです。',
    ),
    Case('null_cipher_finished_server_in_clear', 'review F23', 'tls12-null.pcapng', None, ('Finished', 'server', 1), 'tlstutor.says',
         en='Server: here is my check value over everything we said, with a MAC but not encrypted; once both check values match, the handshake is complete.',
         ja='サーバー: これまでのやりとり全体の検証値を送ります。MACは付けますが、暗号化はしていません。双方の検証値が一致すれば、ハンドシェイクは完了です。',
    ),
    Case('null_cipher_change_cipher_spec_server', 'review F23', 'tls12-null.pcapng', None, ('ChangeCipherSpec', 'server', 1), 'tlstutor.says',
         en='Server: from now on, everything I send carries a MAC made with the keys we agreed; this cipher suite does not encrypt.',
         ja='サーバー: これから送るものには、合意した鍵でMACを付けます。この暗号スイートは暗号化しません。',
    ),
    Case('null_cipher_application_data_server', 'review F23', 'tls12-null.pcapng', None, ('ApplicationData', 'server', 1), 'tlstutor.explain',
         en="The handshake is over. This is the server's first record of application data (for HTTPS, the HTTP response), authenticated with a MAC made with the keys derived from the master secret, but not encrypted: the cipher suite's bulk cipher is NULL. Anyone on the path can read it; the MAC only keeps it from being changed unnoticed.",
         ja='ハンドシェイクは終わりました。これはサーバーの最初のアプリケーションデータのレコード(HTTPSならHTTPの応答)で、マスターシークレットから導いた鍵によるMACで認証されていますが、暗号スイートの共通鍵暗号がNULLなので暗号化されていません。経路上の誰でも読むことができ、MACが防ぐのは気づかれずに書き換えられることだけです。',
    ),
    Case('null_cipher_finished_with_keys', 'review F23', 'tls12-null.pcapng', 'tls12-null.keys', ('Finished', 'client', 1), 'tlstutor.explain',
         en="Finished is the first message protected with the new keys. Its verify_data is computed from the master secret and a hash of all handshake messages, so the server can check that both sides saw the same handshake and derived the same keys. After both Finished messages, application data flows. With this cipher suite's NULL cipher the record is authenticated with a MAC but not encrypted: anyone on the path can read it.",
         ja='Finishedは新しい鍵で保護される最初のメッセージです。verify_dataはマスターシークレットと全ハンドシェイクメッセージのハッシュ値から計算されるので、サーバーは双方が同じハンドシェイクを見て同じ鍵を導いたことを確かめられます。双方のFinishedの後、アプリケーションデータが流れます。この暗号スイートの共通鍵暗号はNULLなので、レコードはMACで認証されますが暗号化されず、経路上の誰でも読むことができます。',
    ),
]


def message_fields(tshark, pcap, keys, lang, msg, sender, nth):
    """{field name: [values]} of the nth such message, from the shared PDML."""
    found = [values for _, _, _, values in messages_with_lines(tshark, pcap, keys, lang)
             if values["tlstutor.msg"] == [msg] and values["tlstutor.sender"] == [sender]]
    assert len(found) >= nth, f"{pcap}: no message {msg} from the {sender} number {nth}"
    return found[nth - 1]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corrected_text(tshark, case, lang):
    fields = message_fields(tshark, case.pcap, case.keys, lang, *case.message)
    want = getattr(case, lang)
    got = fields.get(case.field, [])
    if case.field in ("tlstutor.skipped", "tlstutor.carries"):
        assert want in got
    else:
        assert got == [want]
