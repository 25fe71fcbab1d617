/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the line splitter (plugin/split.c): any bytes (text
 * quoted from a capture need not be UTF-8), any limit and either kind must be
 * cut into pieces that each take at least one byte and at most the limit
 * (unless the limit cannot hold a character), so that parts.c's loop ends
 * and stays inside the text. A broken promise aborts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "split.h"

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz_split: broken promise: %s\n", #cond);        \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* First byte: the kind (bit 0) and the limit (the rest, 1 to 128, or the
 * real piece size); the rest: the text, without its NULs. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text;
    size_t n = 0, max;
    tt_split_kind kind;

    if (size < 1)
        return 0;
    kind = (data[0] & 1) ? TT_SPLIT_LIST : TT_SPLIT_SENTENCES;
    max = (data[0] >> 1) ? (size_t)(data[0] >> 1) : TT_PIECE_MAX;
    text = malloc(size);
    if (!text)
        return 0;
    for (size_t i = 1; i < size; i++)
        if (data[i])
            text[n++] = (char)data[i];
    text[n] = '\0';
    for (const char *p = text; *p;) {
        size_t left = strlen(p), piece = tt_split_next(p, kind, max);
        REQUIRE(piece >= 1 && piece <= left);
        REQUIRE(piece <= max || max < 4);
        p += piece;
    }
    (void)tt_split_needed("Label", text);
    REQUIRE(tt_split_first_max("Label") <= TT_PIECE_MAX);
    free(text);
    return 0;
}
