#ifndef HOOKSPEC_COPENSSL_SHIM_H
#define HOOKSPEC_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/x509.h>

/* Macros Swift cannot import, re-exported as constants. */
static const int hookspec_EVP_PKEY_PUBLIC_KEY = EVP_PKEY_PUBLIC_KEY;
static const int hookspec_RSA_PKCS1_PADDING = RSA_PKCS1_PADDING;

/* OSSL_PARAM_BLD keeps the key-name pointer it is given until OSSL_PARAM_BLD_to_param, so the
   names must outlive the builder: string literals here have static storage, whereas a Swift
   String bridged to a C string would be a temporary freed after the push call. */
static inline const char *hookspec_OSSL_PKEY_PARAM_RSA_N(void) { return OSSL_PKEY_PARAM_RSA_N; }
static inline const char *hookspec_OSSL_PKEY_PARAM_RSA_E(void) { return OSSL_PKEY_PARAM_RSA_E; }
#endif
