/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One index entry per annotated frame, in frame order, searched by halves;
 * the items in large blocks, a frame's items side by side. Cheaper than
 * proto data and an allocation per frame, which mattered: this is memory
 * kept for the whole file. */
#include "store.h"

#include <string.h>

#include <epan/packet.h>

typedef struct {
    guint32 num;
    guint32 count;
    tt_item *items;   /* file scope */
} entry;

static GArray *index_;
#define BLOCK_ITEMS 4096
static tt_item *block;     /* file scope */
static guint block_used;

/* Room for count items side by side, in file scope. */
static tt_item *room_for(guint count)
{
    tt_item *at;

    if (count > BLOCK_ITEMS / 4)   /* a frame with very many: its own */
        return (tt_item *)wmem_alloc(wmem_file_scope(), count * sizeof(tt_item));
    if (!block || block_used + count > BLOCK_ITEMS) {
        block = (tt_item *)wmem_alloc(wmem_file_scope(), BLOCK_ITEMS * sizeof(tt_item));
        block_used = 0;
    }
    at = block + block_used;
    block_used += count;
    return at;
}

static void store_init(void)
{
    if (!index_)
        index_ = g_array_new(FALSE, FALSE, sizeof(entry));
    g_array_set_size(index_, 0);
    block = NULL;  /* the last file's blocks went with its file scope */
    block_used = 0;
}

/* The items are in file scope, freed with the file; the index is ours. */
static void store_cleanup(void)
{
    if (index_)
        g_array_free(index_, TRUE);
    index_ = NULL;
}

void store_register(void)
{
    register_init_routine(store_init);
    register_cleanup_routine(store_cleanup);
}

tt_frame store_put(guint32 num, const tt_item *items, guint count)
{
    entry e;
    tt_frame frame;

    if (!index_)
        store_init();
    e.num = num;
    e.count = count;
    e.items = (tt_item *)memcpy(room_for(count), items, count * sizeof(tt_item));
    frame.count = count;
    frame.items = e.items;
    if (index_->len && g_array_index(index_, entry, index_->len - 1).num >= num) {
        /* Not in order: only the last frame's number can come again. */
        if (g_array_index(index_, entry, index_->len - 1).num != num)
            return frame;
        g_array_index(index_, entry, index_->len - 1) = e;
    } else {
        g_array_append_val(index_, e);
    }
    return frame;
}

tt_frame store_get(guint32 num)
{
    tt_frame none = { 0, NULL };
    guint lo = 0, hi = index_ ? index_->len : 0;

    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        const entry *e = &g_array_index(index_, entry, mid);
        if (e->num == num) {
            tt_frame found = { e->count, e->items };
            return found;
        }
        if (e->num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    return none;
}
