/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tutor's cache of annotated frames: each frame's items, found again by
 * frame number on every later pass. */
#ifndef TLSTUTOR_STORE_H
#define TLSTUTOR_STORE_H

#include "state.h"

void store_register(void);
/* Keeps a copy of count items (count > 0) for frame num, replacing what
 * the frame had; returns the kept frame. Frames come in increasing order,
 * or again with the last number (a read filter dropped the frame that had
 * it). */
tt_frame store_put(guint32 num, const tt_item *items, guint count);
/* The items kept for frame num; count 0 when none. */
tt_frame store_get(guint32 num);

#endif
