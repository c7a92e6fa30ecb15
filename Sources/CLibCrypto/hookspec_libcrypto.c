/* The SHA256_* functions are deprecated in OpenSSL 3 in favour of EVP, but EVP re-initialising a
   keyed HMAC copies both digest contexts through the provider (two allocations per message in
   3.0) while these run on plain structs; they remain part of libcrypto.so.3's ABI. */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#define _DEFAULT_SOURCE 1 /* explicit_bzero */
#include "hookspec_libcrypto.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <string.h>

struct hookspec_hmac_sha256_key {
    SHA256_CTX inner;
    SHA256_CTX outer;
};

hookspec_hmac_sha256_key *hookspec_hmac_sha256_key_new(const uint8_t *key, size_t key_length) {
    hookspec_hmac_sha256_key *state = OPENSSL_malloc(sizeof *state);
    if (state == NULL) return NULL;
    uint8_t block[SHA256_CBLOCK];
    uint8_t pad[SHA256_CBLOCK];
    memset(block, 0, sizeof block);
    if (key_length > SHA256_CBLOCK) {
        SHA256(key, key_length, block);
    } else if (key_length > 0) {
        memcpy(block, key, key_length);
    }
    for (size_t i = 0; i < SHA256_CBLOCK; i++) pad[i] = block[i] ^ 0x36;
    SHA256_Init(&state->inner);
    SHA256_Update(&state->inner, pad, sizeof pad);
    for (size_t i = 0; i < SHA256_CBLOCK; i++) pad[i] = block[i] ^ 0x5c;
    SHA256_Init(&state->outer);
    SHA256_Update(&state->outer, pad, sizeof pad);
    OPENSSL_cleanse(block, sizeof block);
    OPENSSL_cleanse(pad, sizeof pad);
    return state;
}

void hookspec_hmac_sha256_key_free(hookspec_hmac_sha256_key *state) {
    if (state == NULL) return;
    OPENSSL_clear_free(state, sizeof *state);
}

void hookspec_hmac_sha256(const hookspec_hmac_sha256_key *state,
                          const uint8_t *first, size_t first_length,
                          const uint8_t *second, size_t second_length,
                          const uint8_t *third, size_t third_length,
                          int separator, uint8_t out[32]) {
    SHA256_CTX context = state->inner;
    const uint8_t dot = (uint8_t)separator;
    /* `id.timestamp.` is short: one update of an assembled prefix costs less than four. */
    uint8_t prefix[256];
    if (separator >= 0 && first_length + second_length + 2 <= sizeof prefix) {
        if (first_length > 0) memcpy(prefix, first, first_length);
        prefix[first_length] = dot;
        if (second_length > 0) memcpy(prefix + first_length + 1, second, second_length);
        prefix[first_length + 1 + second_length] = dot;
        SHA256_Update(&context, prefix, first_length + second_length + 2);
    } else {
        if (first_length > 0) SHA256_Update(&context, first, first_length);
        if (separator >= 0) SHA256_Update(&context, &dot, 1);
        if (second_length > 0) SHA256_Update(&context, second, second_length);
        if (separator >= 0) SHA256_Update(&context, &dot, 1);
    }
    if (third_length > 0) SHA256_Update(&context, third, third_length);
    uint8_t inner_digest[SHA256_DIGEST_LENGTH];
    SHA256_Final(inner_digest, &context);
    context = state->outer;
    SHA256_Update(&context, inner_digest, sizeof inner_digest);
    SHA256_Final(out, &context);
    /* The copies hold states derived from the key; explicit_bzero is not optimised away and,
       unlike OPENSSL_cleanse's byte loop, costs little on every message. */
    explicit_bzero(&context, sizeof context);
}

void hookspec_sha256(const uint8_t *message, size_t length, uint8_t out[32]) {
    /* Not the one-shot SHA256(): in OpenSSL 3 it fetches the algorithm by name on every call
       (a locked name lookup that costs more than hashing a 1 KiB body). */
    SHA256_CTX context;
    SHA256_Init(&context);
    if (length > 0) SHA256_Update(&context, message, length);
    SHA256_Final(out, &context);
}

int hookspec_constant_time_equal(const uint8_t *a, const uint8_t *b, size_t length) {
    /* Word-wise CRYPTO_memcmp: every byte is read whatever the contents, no early exit. */
    uint64_t difference = 0;
    size_t index = 0;
    for (; index + 8 <= length; index += 8) {
        uint64_t x, y;
        memcpy(&x, a + index, 8);
        memcpy(&y, b + index, 8);
        difference |= x ^ y;
    }
    for (; index < length; index++) difference |= (uint64_t)(a[index] ^ b[index]);
    return difference == 0;
}
