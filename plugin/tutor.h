/* Registration of the TLS Handshake Tutor protocol and its postdissector. */
#ifndef TLSTUTOR_TUTOR_H
#define TLSTUTOR_TUTOR_H

void tlstutor_register(void);
void tlstutor_handoff(void);

#endif
