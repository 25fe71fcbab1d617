/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every text of the catalogue exists in both languages: none is empty, every
 * Japanese text holds Japanese (non-ASCII) characters, and every message has
 * a name. Exits non-zero and says which entry is wrong otherwise. */
#include <stdio.h>
#include <string.h>

#include "catalog.h"

static int non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

static int check(const char *what, int id, int part, tt_lang lang, const char *s)
{
    if (!s || !*s || (lang == TT_LANG_JA && !non_ascii(s))) {
        printf("FAIL %s %d part %d lang %d: \"%s\"\n", what, id, part, lang, s ? s : "(null)");
        return 1;
    }
    return 0;
}

/* A reference names RFC sections ("RFC 5246, 7.4.9; RFC 8446, 4.4.4") or
 * an IANA registry: the source a teacher checks the explanation against. */
static int check_ref(const char *what, int id, const char *ref)
{
    if (!ref || (strncmp(ref, "RFC ", 4) != 0 && strncmp(ref, "IANA ", 5) != 0)) {
        printf("FAIL %s %d: reference \"%s\"\n", what, id, ref ? ref : "(null)");
        return 1;
    }
    return 0;
}

/* The conversions of a format text, in order ("su" for "%s ... %u"). */
static void conversions(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++)
        if (s[0] == '%' && s[1]) {
            out[k++] = s[1];
            s++;
        }
    out[k] = '\0';
}

int main(void)
{
    int bad = 0, n = 0;

    for (int id = 0; id < TT_TEXT_COUNT; id++)
        for (int part = 0; part < TT_PART_COUNT; part++)
            for (int lang = 0; lang < TT_LANG_COUNT; lang++, n++)
                bad += check("text", id, part, lang, tt_text(id, part, lang));
    for (int id = 0; id < TT_TEXT_COUNT; id++, n++)
        bad += check_ref("text", id, tt_text_ref(id));
    for (int id = 0; id < TT_PHRASE_COUNT; id++) {
        char en[16], ja[16];
        for (int lang = 0; lang < TT_LANG_COUNT; lang++, n++)
            bad += check("phrase", id, 0, lang, tt_phrase(id, lang));
        /* Format texts must take the same arguments in both languages. */
        conversions(tt_phrase(id, TT_LANG_EN), en, sizeof en);
        conversions(tt_phrase(id, TT_LANG_JA), ja, sizeof ja);
        if (strcmp(en, ja) != 0 || strspn(en, "su") != strlen(en)) {
            printf("FAIL phrase %d: conversions \"%s\" and \"%s\"\n", id, en, ja);
            bad++;
        }
    }
    for (int id = 0; id < TT_TEXT_COUNT; id++)
        for (int part = 0; part < TT_PART_COUNT; part++)
            for (int lang = 0; lang < TT_LANG_COUNT; lang++)
                if (strchr(tt_text(id, part, lang), '%')) {
                    printf("FAIL text %d part %d has a %%: texts are not formats\n", id, part);
                    bad++;
                }
    for (int i = 0; i < tt_alert_count(); i++) {
        int code = tt_alert_code(i);
        bad += check("alert name", code, 0, TT_LANG_EN, tt_alert_name(code));
        bad += check_ref("alert", code, tt_alert_ref(code));
        for (int lang = 0; lang < TT_LANG_COUNT; lang++, n += 2) {
            bad += check("alert says", code, 1, lang, tt_alert_text(code, TT_PART_SAYS, lang));
            bad += check("alert explain", code, 2, lang, tt_alert_text(code, TT_PART_EXPLAIN, lang));
        }
        for (int j = 0; j < i; j++)
            if (tt_alert_code(j) == code) {
                printf("FAIL alert %d twice\n", code);
                bad++;
            }
    }
    if (tt_alert_name(40) == NULL || strcmp(tt_alert_name(40), "handshake_failure") != 0 ||
        tt_alert_name(255) != NULL) {
        printf("FAIL alert lookup\n");
        bad++;
    }
    for (int id = 0; id < TT_MSG_COUNT; id++, n++)
        bad += check("msg", id, 0, TT_LANG_EN, tt_msg_name(id));
    /* SSL 2.0's message codes share numbers with TLS's handshake types
     * (4: SERVER-HELLO, NewSessionTicket): each lookup keeps to its table. */
    for (unsigned t = 0; t < 256; t++, n++) {
        tt_msg_id tls = tt_msg_from_handshake_type(t), ssl2 = tt_msg_from_ssl2_type(t);
        if ((tls >= TT_MSG_SSL2_ERROR && tls <= TT_MSG_SSL2_CLIENT_CERTIFICATE) ||
            (ssl2 != TT_MSG_UNKNOWN && (ssl2 < TT_MSG_SSL2_ERROR || ssl2 > TT_MSG_SSL2_CLIENT_CERTIFICATE)) ||
            (ssl2 == TT_MSG_UNKNOWN) != (t > 8)) {
            printf("FAIL type %u: TLS %s, SSL 2.0 %s\n", t, tt_msg_name(tls), tt_msg_name(ssl2));
            bad++;
        }
    }
    if (tt_msg_from_handshake_type(4) != TT_MSG_NEW_SESSION_TICKET ||
        tt_msg_from_ssl2_type(4) != TT_MSG_SSL2_SERVER_HELLO ||
        strcmp(tt_msg_name(tt_msg_from_ssl2_type(2)), "CLIENT-MASTER-KEY") != 0 ||
        tt_msg_from_handshake_type(TT_SSL2_MSG_BASE + 1) != TT_MSG_UNKNOWN ||
        tt_msg_from_ssl2_type(TT_SSL2_MSG_BASE + 1) != TT_MSG_UNKNOWN) {
        printf("FAIL SSL 2.0 and TLS message lookups\n");
        bad++;
    }
    if (strcmp(tt_text(TT_TEXT_COUNT, TT_PART_SAYS, TT_LANG_EN), "?") != 0) {
        printf("FAIL out-of-range text id is not \"?\"\n");
        bad++;
    }
    printf("%d catalogue entries checked, %d bad\n", n, bad);
    return bad != 0;
}
