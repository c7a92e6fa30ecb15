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
#endif
