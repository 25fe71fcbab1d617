/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "parts.h"

#include "compat.h"

#include <string.h>

/* split.c cannot see Wireshark's headers: its line length is this one. */
G_STATIC_ASSERT(TT_LINE_MAX == ITEM_LABEL_LENGTH);

static int hf_part = -1;
static gint ett_parts = -1;

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

const char *parts_label(int hf, tt_phrase_id label, tt_lang lang)
{
    return lang == TT_LANG_EN ? proto_registrar_get_nth((guint)hf)->name : tt_phrase(label, lang);
}

/* Whether the line's text is to be set: Japanese, where the tree is seen
 * (labels of a tree nobody sees are never made). */
static gboolean relabel(proto_item *pi, tt_lang lang)
{
    proto_item_set_generated(pi);
    return lang != TT_LANG_EN && pi && PITEM_FINFO(pi) && PTREE_DATA(pi)->visible;
}

/* Wireshark shows a string value in a label escaped (format_text): so do
 * the Japanese labels. */
proto_item *parts_add_string(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                             int start, int length, const char *value, const char *shown,
                             tt_lang lang)
{
    proto_item *pi = proto_tree_add_string(tree, hf, tvb, start, length, value);

    if (relabel(pi, lang))
        proto_item_set_text(pi, "%s: %s", parts_label(hf, label, lang),
                            shown ? shown : tt_format_text(PNODE_POOL(pi), value));
    return pi;
}

proto_item *parts_add_uint(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                           int start, int length, guint32 value, tt_lang lang)
{
    proto_item *pi = proto_tree_add_uint(tree, hf, tvb, start, length, value);

    if (relabel(pi, lang))
        proto_item_set_text(pi, "%s: %u", parts_label(hf, label, lang), value);
    return pi;
}

proto_item *parts_add_uint_shown(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                                 int start, int length, guint32 value, const char *shown, tt_lang lang)
{
    proto_item *pi = proto_tree_add_uint(tree, hf, tvb, start, length, value);

    if (relabel(pi, lang))
        proto_item_set_text(pi, "%s: %s", parts_label(hf, label, lang), shown);
    return pi;
}

proto_item *parts_add_boolean(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                              int start, int length, gboolean value, tt_lang lang)
{
    proto_item *pi = proto_tree_add_boolean(tree, hf, tvb, start, length, value);

    if (relabel(pi, lang))
        proto_item_set_text(pi, "%s: %s", parts_label(hf, label, lang),
                            tt_phrase(value ? TT_PHRASE_LABEL_TRUE : TT_PHRASE_LABEL_FALSE, lang));
    return pi;
}

/* The next piece, without its surrounding spaces. */
static char *next_piece(const char **p, tt_split_kind kind, size_t max)
{
    size_t n = tt_split_next(*p, kind, max);
    char *piece = g_strstrip(g_strndup(*p, n));

    *p += n;
    return piece;
}

/* The item's own line shows the first piece instead of the cut text; the
 * other pieces go under it. Only the text changes: the field's value
 * stays the whole text. Lists quote the capture (names in certificates, the
 * SNI): their pieces are escaped as Wireshark escapes any such text. */
static void add_parts(proto_item *item, const char *name, tvbuff_t *tvb,
                      int start, int length, const char *text, tt_split_kind kind)
{
    gboolean escape = kind == TT_SPLIT_LIST;
    const char *p = text, *shown;
    proto_tree *tree;
    char *piece;

    piece = next_piece(&p, kind, tt_split_first_max(name));
    shown = escape ? tt_format_text(PNODE_POOL(item), piece) : piece;
    proto_item_set_text(item, "%s: %s", name, shown);
    g_free(piece);
    tree = proto_item_add_subtree(item, ett_parts);
    while (*p) {
        piece = next_piece(&p, kind, TT_PIECE_MAX);
        shown = escape ? tt_format_text(PNODE_POOL(item), piece) : piece;
        if (*piece)
            proto_item_set_generated(proto_tree_add_string_format(tree, hf_part, tvb, start, length,
                                                                  piece, "%s", shown));
        g_free(piece);
    }
}

proto_item *parts_add_text(proto_tree *tree, int hf, tt_phrase_id label, tt_split_kind kind,
                           tvbuff_t *tvb, int start, int length, const char *text, tt_lang lang)
{
    proto_item *pi = parts_add_string(tree, hf, label, tvb, start, length, text, NULL, lang);
    const char *name;

    /* Pieces where someone looks (a visible tree, a filter on
     * tlstutor.part) and the GUI would cut the line the student sees. */
    if (!pi || pi == tree || !PITEM_FINFO(pi) || !parts_wanted(tree))
        return pi;
    name = parts_label(hf, label, lang);
    if (tt_split_needed(name, text))
        add_parts(pi, name, tvb, start, length, text, kind);
    return pi;
}
