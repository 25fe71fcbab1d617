/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "drawing.h"

#include <stdio.h>

#include <epan/to_str.h>
#include <wsutil/wmem/wmem.h>

gchar *drawing_endpoint(const address *addr, guint32 port)
{
    char *a = address_to_str(NULL, addr);
    gchar *s = g_strdup_printf(addr->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", a, port);

    wmem_free(NULL, a);
    return s;
}

int drawing_columns(const char *s)
{
    int n = 0;

    for (const char *p = s; *p; p = g_utf8_next_char(p))
        n += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
    return n;
}

void drawing_dashes(int n)
{
    for (int i = 0; i < n; i++)
        putchar('-');
}

void drawing_padded(const char *s, int n)
{
    printf("%s%*s", s, MAX(0, n - drawing_columns(s)), "");
}
