/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "parts.h"

#include "compat.h"

#include <string.h>

static int hf_part = -1;
static gint ett_parts = -1;

/* Room for a piece's own label, with margin. */
#define PIECE_MAX (ITEM_LABEL_LENGTH - 16)

void parts_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_part, { "Part", "tlstutor.part", FT_STRING, BASE_NONE, NULL, 0x0,
            "A long tutor text is shown one sentence or piece per line, because the GUI cuts "
            "a line after 240 bytes: the first on the text's own line, the others in this field "
            "under it; the whole text is the value of the field above", HFILL } },
    };
    static gint *ett[] = { &ett_parts };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

gboolean parts_wanted(proto_tree *tree)
{
    return tree && proto_field_is_referenced(tree, hf_part);
}

/* Whether someone looks (a visible tree, a filter on tlstutor.part) and
 * the GUI would cut the item's "Name: text" line. */
static gboolean wanted(proto_tree *tree, proto_item *item, const char *text)
{
    const field_info *fi = item ? PITEM_FINFO(item) : NULL;

    return fi && parts_wanted(tree) && item != tree &&
           strlen(fi->hfinfo->name) + 2 + strlen(text) >= ITEM_LABEL_LENGTH;
}

/* Where the piece starting at p ends: just after a break (the first one, or
 * with pack the last one that fits), or at the last whole UTF-8 character
 * that fits. strstr, not a loop per byte: this runs for every long text of
 * every message shown. */
static size_t piece_end(const char *p, const char *const *breaks, gboolean pack, size_t max)
{
    size_t best = 0, len = strnlen(p, max + 1);

    for (const char *const *b = breaks; *b; b++) {
        size_t bl = strlen(*b);
        for (const char *q = strstr(p, *b); q && (size_t)(q - p) + bl <= max; q = strstr(q + 1, *b)) {
            size_t end = (size_t)(q - p) + bl;
            if (!pack) {
                if (!best || end < best)
                    best = end;
                break;
            }
            if (end > best)
                best = end;
        }
    }
    if (!pack && best)
        return best;
    if (len <= max)
        return len;
    if (best)
        return best;
    best = max;
    while (best > 0 && (p[best] & 0xC0) == 0x80)  /* not inside a character */
        best--;
    return best ? best : strlen(p);
}

/* The next piece of at most max bytes, without its surrounding spaces. */
static char *next_piece(const char **p, const char *const *breaks, gboolean pack, size_t max)
{
    size_t n = piece_end(*p, breaks, pack, max);
    char *piece = g_strstrip(g_strndup(*p, n));

    *p += n;
    return piece;
}

/* The item's own line shows the first piece instead of the cut text; the
 * other pieces go under it. Only the label changes: the field's value
 * stays the whole text. Lines of lists quote the capture (names in
 * certificates, the SNI): their pieces are escaped as Wireshark escapes
 * any such text in a label. */
static void add_parts(proto_tree *parent, proto_item *item, tvbuff_t *tvb, int start, int length,
                      const char *text, const char *const *breaks, gboolean pack)
{
    const char *name, *p = text, *shown;
    proto_tree *tree;
    char *piece;

    if (!wanted(parent, item, text))
        return;
    name = PITEM_FINFO(item)->hfinfo->name;
    piece = next_piece(&p, breaks, pack, MIN(PIECE_MAX, ITEM_LABEL_LENGTH - 1 - strlen(name) - 2));
    shown = pack ? tt_format_text(PNODE_POOL(item), piece) : piece;
    proto_item_set_text(item, "%s: %s", name, shown);
    g_free(piece);
    tree = proto_item_add_subtree(item, ett_parts);
    while (*p) {
        piece = next_piece(&p, breaks, pack, PIECE_MAX);
        shown = pack ? tt_format_text(PNODE_POOL(item), piece) : piece;
        if (*piece)
            proto_item_set_generated(proto_tree_add_string_format(tree, hf_part, tvb, start, length,
                                                                  piece, "%s", shown));
        g_free(piece);
    }
}

void parts_add_sentences(proto_tree *tree, proto_item *item, tvbuff_t *tvb, int start, int length,
                         const char *text)
{
    static const char *const breaks[] = { ". ", "。", NULL };

    add_parts(tree, item, tvb, start, length, text, breaks, FALSE);
}

void parts_add_list(proto_tree *tree, proto_item *item, tvbuff_t *tvb, int start, int length,
                    const char *text)
{
    static const char *const breaks[] = { ", ", "、", NULL };

    add_parts(tree, item, tvb, start, length, text, breaks, TRUE);
}
