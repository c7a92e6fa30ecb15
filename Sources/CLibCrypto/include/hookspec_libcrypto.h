#ifndef HOOKSPEC_LIBCRYPTO_H
#define HOOKSPEC_LIBCRYPTO_H
/* The product path's use of system libcrypto (OpenSSL 3, libssl3): HMAC-SHA256 with the key
   absorbed once and SHA-256, without allocation or provider dispatch per message.
   The state type is opaque so that no OpenSSL header reaches Swift code. */
#include <stddef.h>
#include <stdint.h>

/* The HMAC-SHA256 state after absorbing the padded key: inner and outer SHA-256 midstates. */
typedef struct hookspec_hmac_sha256_key hookspec_hmac_sha256_key;

/* Absorbs `key` (any length; longer than a block is hashed first, RFC 2104 §2). NULL if out of memory. */
hookspec_hmac_sha256_key *hookspec_hmac_sha256_key_new(const uint8_t *key, size_t key_length);

/* Overwrites the key state (OPENSSL_cleanse) and frees it. */
void hookspec_hmac_sha256_key_free(hookspec_hmac_sha256_key *state);

/* HMAC-SHA256 over the concatenation of up to three pieces, each joined to the next by `separator`
   when `separator` is non-negative: the v1 content `id.timestamp.body` without assembling it. */
void hookspec_hmac_sha256(const hookspec_hmac_sha256_key *state,
                          const uint8_t *first, size_t first_length,
                          const uint8_t *second, size_t second_length,
                          const uint8_t *third, size_t third_length,
                          int separator, uint8_t out[32]);

/* SHA-256 of `message`. */
void hookspec_sha256(const uint8_t *message, size_t length, uint8_t out[32]);

/* 1 when the `length` bytes at `a` and `b` are equal, compared in time independent of the contents. */
int hookspec_constant_time_equal(const uint8_t *a, const uint8_t *b, size_t length);

#endif
