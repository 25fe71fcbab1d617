#include "parts.h"

#include <string.h>

static int hf_part = -1;
static gint ett_parts = -1;

/* Room for a piece's own label, with margin. */
#define PIECE_MAX (ITEM_LABEL_LENGTH - 16)

void parts_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_part, { "Part", "tlstutor.part", FT_STRING, BASE_NONE, NULL, 0x0,
            "One sentence or piece of a long tutor text, shown under it because the GUI cuts "
            "a line after 240 bytes; the whole text is the value of the field above", HFILL } },
    };
    static gint *ett[] = { &ett_parts };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

/* Whether someone looks (a visible tree, a filter on tlstutor.part) and
 * the GUI would cut the item's "Name: text" line. */
static gboolean wanted(proto_tree *tree, proto_item *item, const char *text)
{
    const field_info *fi = item ? PITEM_FINFO(item) : NULL;

    return tree && fi && proto_field_is_referenced(tree, hf_part) && item != tree &&
           strlen(fi->hfinfo->name) + 2 + strlen(text) >= ITEM_LABEL_LENGTH;
}

/* Where the piece starting at p ends: just after a break, or at the last
 * whole UTF-8 character that fits. */
static size_t piece_end(const char *p, const char *const *breaks, gboolean pack)
{
    size_t best = 0, len = strlen(p);

    for (size_t i = 0; i < len && i < PIECE_MAX; i++) {
        for (const char *const *b = breaks; *b; b++) {
            size_t bl = strlen(*b);
            if (i + bl <= PIECE_MAX && strncmp(p + i, *b, bl) == 0) {
                best = i + bl;
                if (!pack)
                    return best;
            }
        }
    }
    if (len <= PIECE_MAX)
        return len;
    if (best)
        return best;
    best = PIECE_MAX;
    while (best > 0 && (p[best] & 0xC0) == 0x80)  /* not inside a character */
        best--;
    return best ? best : len;
}

static void add_parts(proto_tree *parent, proto_item *item, tvbuff_t *tvb, int start, int length,
                      const char *text, const char *const *breaks, gboolean pack)
{
    proto_tree *tree;

    if (!wanted(parent, item, text))
        return;
    tree = proto_item_add_subtree(item, ett_parts);
    for (const char *p = text; *p;) {
        size_t n = piece_end(p, breaks, pack);
        char *piece = g_strndup(p, n);

        g_strstrip(piece);
        if (*piece)
            proto_item_set_generated(proto_tree_add_string_format(tree, hf_part, tvb, start, length,
                                                                  piece, "%s", piece));
        g_free(piece);
        p += n;
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
