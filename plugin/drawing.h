/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the text drawings (-z tlstutor,ladder and -z tlstutor,records) share:
 * endpoints, widths in terminal columns, filling. */
#ifndef TLSTUTOR_DRAWING_H
#define TLSTUTOR_DRAWING_H

#include <glib.h>

#include <epan/address.h>

/* "192.0.2.1:33206", "[2001:db8::1]:443"; g_free it. */
gchar *drawing_endpoint(const address *addr, guint32 port);
/* Terminal columns of a UTF-8 string: East Asian wide characters take two. */
int drawing_columns(const char *s);
void drawing_dashes(int n);
/* s, then spaces up to n terminal columns. */
void drawing_padded(const char *s, int n);

#endif
