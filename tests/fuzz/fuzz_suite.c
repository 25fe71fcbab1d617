/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for tt_suite_parse (plugin/suite.c): any bytes, as a
 * NUL-terminated name, must be taken apart without touching memory outside
 * the name and the result, and the result must keep the promises of suite.h.
 * A broken promise aborts, which libFuzzer reports as a crash. */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suite.h"

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz_suite: broken promise: %s\n", #cond);        \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Every text field ends inside its array. */
static void terminated(const tt_suite *s)
{
    REQUIRE(memchr(s->kx, '\0', sizeof s->kx));
    REQUIRE(memchr(s->auth, '\0', sizeof s->auth));
    REQUIRE(memchr(s->cipher, '\0', sizeof s->cipher));
    REQUIRE(memchr(s->hash, '\0', sizeof s->hash));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* An exact-size heap copy: ASan sees a read one byte past the end. */
    char *name = malloc(size + 1);
    tt_suite s, again;
    bool ok;

    if (!name)
        return 0;
    memcpy(name, data, size);
    name[size] = '\0';

    ok = tt_suite_parse(name, &s);
    terminated(&s);
    if (ok) {
        REQUIRE(strncmp(name, "TLS_", 4) == 0);
        REQUIRE(s.cipher[0] != '\0');
        /* TLS 1.3 names carry no key exchange nor authentication. */
        if (s.tls13) {
            REQUIRE(s.kx[0] == '\0' && s.auth[0] == '\0');
            REQUIRE(s.forward_secret);
            REQUIRE(strstr(name, "_WITH_") == NULL);
        } else {
            REQUIRE(strstr(name, "_WITH_") != NULL);
            REQUIRE(s.forward_secret ==
                    (strcmp(s.kx, "DHE") == 0 || strcmp(s.kx, "ECDHE") == 0));
        }
        /* suite.h: weak means NULL, EXPORT, RC4, DES, 3DES or anonymous
         * ("anon" is checked on real names by tests/suite_check.c: in a
         * made-up name it may stand anywhere). */
        if (strcmp(s.cipher, "NULL") == 0 || strstr(s.cipher, "RC4") || strstr(s.cipher, "DES"))
            REQUIRE(s.weak);
        /* EXPORT in the key exchange part, when that part is of a length
         * suite.c keeps whole (47 characters; real names use under 20). */
        if (!s.tls13) {
            const char *kx = name + 4, *with = strstr(name, "_WITH_");
            size_t n = (size_t)(with - kx);
            if (n < 47 && memmem(kx, n, "EXPORT", 6))
                REQUIRE(s.weak);
        }
    }
    /* The same name gives the same answer: nothing depends on old state. */
    memset(&again, 0xa5, sizeof again);
    REQUIRE(tt_suite_parse(name, &again) == ok);
    REQUIRE(strcmp(again.kx, s.kx) == 0 && strcmp(again.auth, s.auth) == 0 &&
            strcmp(again.cipher, s.cipher) == 0 && strcmp(again.hash, s.hash) == 0 &&
            again.tls13 == s.tls13 && again.forward_secret == s.forward_secret &&
            again.weak == s.weak);
    free(name);
    return 0;
}
