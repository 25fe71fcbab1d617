/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tables generated from texts.def and messages.def, so that ids, names and
 * texts cannot drift apart. */
#include "catalog.h"

#include <stddef.h>

static const char *const texts[TT_TEXT_COUNT][TT_PART_COUNT][TT_LANG_COUNT] = {
#define TEXT(id, ref, se, sj, ye, yj, ee, ej) [TT_TEXT_##id] = { { se, sj }, { ye, yj }, { ee, ej } },
#include "texts.def"
};

static const char *const refs[TT_TEXT_COUNT] = {
#define TEXT(id, ref, se, sj, ye, yj, ee, ej) [TT_TEXT_##id] = ref,
#include "texts.def"
};

static const char *const phrases[TT_PHRASE_COUNT][TT_LANG_COUNT] = {
#define PHRASE(id, en, ja) [TT_PHRASE_##id] = { en, ja },
#include "texts.def"
};

static const struct {
    int type;
    const char *name;
} msgs[TT_MSG_COUNT] = {
#define MSG(id, type, name) [TT_MSG_##id] = { type, name },
#include "messages.def"
};

static const struct {
    int code;
    const char *name;
    const char *ref;
    const char *says[TT_LANG_COUNT];
    const char *explain[TT_LANG_COUNT];
} alerts[] = {
#define ALERT(code, name, ref, ye, yj, ee, ej) { code, name, ref, { ye, yj }, { ee, ej } },
#include "alerts.def"
};

static tt_lang checked_lang(tt_lang lang)
{
    return (unsigned)lang < TT_LANG_COUNT ? lang : TT_LANG_EN;
}

const char *tt_text(tt_text_id id, tt_part part, tt_lang lang)
{
    if ((unsigned)id >= TT_TEXT_COUNT || (unsigned)part >= TT_PART_COUNT)
        return "?";
    return texts[id][part][checked_lang(lang)];
}

const char *tt_phrase(tt_phrase_id id, tt_lang lang)
{
    if ((unsigned)id >= TT_PHRASE_COUNT)
        return "?";
    return phrases[id][checked_lang(lang)];
}

const char *tt_text_ref(tt_text_id id)
{
    return (unsigned)id < TT_TEXT_COUNT ? refs[id] : "?";
}

const char *tt_msg_name(tt_msg_id id)
{
    if ((unsigned)id >= TT_MSG_COUNT)
        return "Unknown";
    return msgs[id].name;
}

static tt_msg_id msg_of_type(unsigned type)
{
    for (size_t i = 0; i < TT_MSG_COUNT; i++)
        if (msgs[i].type >= 0 && (unsigned)msgs[i].type == type)
            return (tt_msg_id)i;
    return TT_MSG_UNKNOWN;
}

/* A handshake type is one byte: SSL 2.0's rows, above it, stay out of reach. */
tt_msg_id tt_msg_from_handshake_type(unsigned type)
{
    return type < TT_SSL2_MSG_BASE ? msg_of_type(type) : TT_MSG_UNKNOWN;
}

tt_msg_id tt_msg_from_ssl2_type(unsigned type)
{
    return type < TT_SSL2_MSG_BASE ? msg_of_type(TT_SSL2_MSG_BASE + type) : TT_MSG_UNKNOWN;
}

static int alert_index(int desc)
{
    for (size_t i = 0; i < sizeof alerts / sizeof alerts[0]; i++)
        if (alerts[i].code == desc)
            return (int)i;
    return -1;
}

const char *tt_alert_name(int desc)
{
    int i = alert_index(desc);
    return i < 0 ? NULL : alerts[i].name;
}

const char *tt_alert_text(int desc, tt_part part, tt_lang lang)
{
    int i = alert_index(desc);

    if (i < 0)
        return NULL;
    if (part == TT_PART_SAYS)
        return alerts[i].says[checked_lang(lang)];
    if (part == TT_PART_EXPLAIN)
        return alerts[i].explain[checked_lang(lang)];
    return alerts[i].name;
}

const char *tt_alert_ref(int desc)
{
    int i = alert_index(desc);
    return i < 0 ? NULL : alerts[i].ref;
}

int tt_alert_count(void)
{
    return (int)(sizeof alerts / sizeof alerts[0]);
}

int tt_alert_code(int i)
{
    return i >= 0 && i < tt_alert_count() ? alerts[i].code : -1;
}
