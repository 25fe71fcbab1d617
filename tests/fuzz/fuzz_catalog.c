/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the catalogue lookups (plugin/catalog.c): ids,
 * parts, languages, alert codes and handshake types taken from the input,
 * in range or not, must give what catalog.h promises, and every text given
 * must be a whole, valid UTF-8 string. A broken promise aborts, which
 * libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz_catalog: broken promise: %s\n", #cond);      \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Reads the whole string (ASan sees any read past its end) and checks that
 * it is non-empty, well-formed UTF-8 without control characters. */
static void good_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    REQUIRE(s != NULL);
    REQUIRE(*p != '\0');
    while (*p) {
        int more = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 : (*p & 0xf0) == 0xe0 ? 2
                 : (*p & 0xf8) == 0xf0 ? 3 : -1;
        REQUIRE(more >= 0);
        REQUIRE(*p >= 0x20 || *p == '\n');
        for (p++; more > 0; more--, p++)
            REQUIRE((*p & 0xc0) == 0x80);
    }
}

/* Four bytes of the input as an int, little-endian; 0 when it is used up. */
static int take(const uint8_t **data, size_t *size)
{
    uint32_t v = 0;
    for (int i = 0; i < 4 && *size > 0; i++, (*data)++, (*size)--)
        v |= (uint32_t)**data << (8 * i);
    return (int)v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    while (size > 0) {
        size--;
        int op = *data++;
        int a = take(&data, &size), b = take(&data, &size), c = take(&data, &size);
        const char *s;

        switch (op % 6) {
        case 0:   /* tt_text: "?" outside the table, real text inside */
            s = tt_text((tt_text_id)a, (tt_part)b, (tt_lang)c);
            good_text(s);
            if ((unsigned)a < TT_TEXT_COUNT && (unsigned)b < TT_PART_COUNT)
                REQUIRE(strcmp(s, "?") != 0);
            else
                REQUIRE(strcmp(s, "?") == 0);
            /* An unknown language falls back to English. */
            if ((unsigned)c >= TT_LANG_COUNT)
                REQUIRE(s == tt_text((tt_text_id)a, (tt_part)b, TT_LANG_EN));
            break;
        case 1:
            s = tt_phrase((tt_phrase_id)a, (tt_lang)b);
            good_text(s);
            REQUIRE(((unsigned)a < TT_PHRASE_COUNT) == (strcmp(s, "?") != 0));
            break;
        case 2:
            s = tt_msg_name((tt_msg_id)a);
            good_text(s);
            REQUIRE(((unsigned)a < TT_MSG_COUNT) == (strcmp(s, "Unknown") != 0) ||
                    (tt_msg_id)a == TT_MSG_UNKNOWN);
            break;
        case 3: { /* a handshake type gives a message that names it back */
            tt_msg_id m = tt_msg_from_handshake_type((unsigned)a);
            REQUIRE((unsigned)m < TT_MSG_COUNT);
            good_text(tt_msg_name(m));
            if (m != TT_MSG_UNKNOWN)
                REQUIRE(tt_msg_from_handshake_type((unsigned)a) == m);
            break;
        }
        case 4: { /* alerts: name and texts known together, or not at all */
            const char *name = tt_alert_name(a);
            const char *says = tt_alert_text(a, (tt_part)b, (tt_lang)c);
            REQUIRE((name == NULL) == (says == NULL));
            if (name) {
                good_text(name);
                good_text(says);
                good_text(tt_alert_text(a, TT_PART_SAYS, (tt_lang)c));
                good_text(tt_alert_text(a, TT_PART_EXPLAIN, (tt_lang)c));
            }
            break;
        }
        case 5: { /* the alert rows by index: every code is known by name */
            int code = tt_alert_code(a);
            REQUIRE((a >= 0 && a < tt_alert_count()) == (code != -1));
            if (code != -1)
                good_text(tt_alert_name(code));
            break;
        }
        }
    }
    return 0;
}
