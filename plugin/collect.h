/* Reads what the TLS dissector found in one frame, in tree order, from the
 * fields the postdissector asked for. Valid on the first pass only. */
#ifndef TLSTUTOR_COLLECT_H
#define TLSTUTOR_COLLECT_H

#include <epan/packet.h>

#include "flow.h"
#include "values.h"

typedef struct {
    tt_event ev;               /* from_client is left for the caller */
    bool is_client_hello;      /* the event that fixes the client's side */
    const field_info *where;   /* the bytes to point at */
    tt_hello *hello;           /* hellos: the values they carry (file scope) */
    tt_certs *certs;           /* Certificate: its certificates (file scope) */
    tt_msgvals *vals;          /* key exchanges, CertificateRequest/Verify, Finished */
} collected_event;

/* Looks up TLS's field ids; call from the handoff. */
void collect_init(void);
/* The ids the postdissector must ask for (a GArray of int). */
GArray *collect_wanted_hfids(void);
/* The events of this frame, in tree order; free with g_array_free(a, TRUE). */
GArray *collect_frame(packet_info *pinfo, proto_tree *tree);

#endif
