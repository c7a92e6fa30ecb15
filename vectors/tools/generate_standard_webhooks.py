#!/usr/bin/env python3
"""Writes hookspec's Standard Webhooks delivery vectors (SPEC section 8) into vectors/standard-webhooks/.

Independent of the Swift core on purpose: signatures come from Python's hmac/hashlib and the
`cryptography` package (Ed25519); expected codes come from the small policy model below, built
on Python's own base64.b64decode and float(), which is what the Python reference library uses.
Published values (V1-V6, D1-D8, decoys, edge values, secrets) are copied with their source
from the compiled list in ../shared/vectors/standard-webhooks/vectors.json; this script checks
every published signature against its own recomputation before writing anything.

Run from the package root:  python3 vectors/tools/generate_standard_webhooks.py
Deterministic: running it twice gives identical files.
"""
import base64
import binascii
import hashlib
import hmac
import json
import math
import os
import re
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

FORMAT = "hookspec-delivery-vectors/1"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "standard-webhooks")
SHARED = "../shared/vectors/standard-webhooks/vectors.json (compiled list; values copied with their source)"

# ---------------------------------------------------------------- primitives

def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def hmac_entry(key: bytes, msg_id: str, ts: str, body: bytes) -> str:
    return "v1," + b64(hmac.new(key, msg_id.encode() + b"." + ts.encode() + b"." + body, hashlib.sha256).digest())


def ed_entry(priv: Ed25519PrivateKey, msg_id: str, ts: str, body: bytes) -> str:
    return "v1a," + b64(priv.sign(msg_id.encode() + b"." + ts.encode() + b"." + body))


def canonical_b64(text: str):
    """Strict RFC 4648 reading: the bytes if `text` is the one canonical encoding, else None."""
    if len(text) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text):
        return None
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return data if b64(data) == text else None


def python_b64(text: str):
    """What the Python reference library gets from base64.b64decode(str): bytes or None (it raises)."""
    try:
        return base64.b64decode(text)
    except (binascii.Error, ValueError):
        return None

# ---------------------------------------------------------------- policy model (SPEC 3.1, 4)

TS_FEATURES = ["leading_zeros", "sign", "whitespace", "fraction", "exponent", "underscores", "overlong"]
SIG_LENGTH = {"v1": 32, "v1a": 64}


def leniencies(policy):
    if policy == "strict":
        return set()
    if policy == "python_reference":
        return {"timestamp_" + f for f in TS_FEATURES} | {"sign_normalized_timestamp", "lenient_base64", "any_signature_length",
                                                          "stop_at_first_match", "empty_version_as_unknown"}
    return set(policy)


def timestamp_features(text: str):
    """Which non-canonical features a timestamp text uses, read by hand from the SPEC section 4 list."""
    features = set()
    core = text.strip(" \t\n\r\x0b\x0c")
    if core != text:
        features.add("whitespace")
    if core[:1] in "+-" and core:
        features.add("sign")
        core = core[1:]
    if "_" in core:
        features.add("underscores")
        core = core.replace("_", "")
    mantissa = re.split(r"[eE]", core)[0]
    if re.search(r"[eE]", core):
        features.add("exponent")
    if "." in mantissa:
        features.add("fraction")
    integer = mantissa.split(".")[0]
    if len(integer) > 1 and integer.startswith("0"):
        features.add("leading_zeros")
    if len(integer.lstrip("0")) > 10:
        features.add("overlong")
    return features


def python_instant(value: float):
    """Whole seconds and microseconds as datetime.fromtimestamp rounds a float (half to even)."""
    fraction, whole = math.modf(value)
    micros = round(fraction * 1e6)
    if micros >= 1000000:
        whole, micros = whole + 1, micros - 1000000
    elif micros < 0:
        whole, micros = whole - 1, micros + 1000000
    return int(whole), micros


def read_timestamp(text: str, policy):
    """(seconds, signed_text, microseconds) or a rejection code, under `policy`."""
    lenient = leniencies(policy)
    if re.fullmatch(r"0|[1-9][0-9]{0,9}", text):
        return int(text), text, 0
    # float() is the Python reference library's reader; hex, nan and inf never pass it usefully.
    try:
        value = float(text)
    except ValueError:
        return "timestamp_malformed"
    if not math.isfinite(value) or re.search(r"(?i)nan|inf|x", text) or abs(value) >= 1e15:
        return "timestamp_malformed"
    for feature in TS_FEATURES:
        if feature in timestamp_features(text) and "timestamp_" + feature not in lenient:
            return "timestamp_noncanonical"
    seconds, micros = python_instant(value)
    return seconds, (str(seconds) if "sign_normalized_timestamp" in lenient else text), micros


def parse_entries(header: str, policy):
    """The entries as (version, bytes-or-None), or an entry rejection code."""
    lenient = leniencies(policy)
    entries = []
    for raw in header.split(" ")[:64]:
        parsed = parse_entry(raw, lenient)
        if isinstance(parsed, str):
            if "skip_malformed_entries" in lenient:
                continue
            return parsed
        entries.append(parsed)
    return entries


def parse_entry(raw: str, lenient):
    parts = raw.split(",")
    if raw == "" or len(parts) != 2:
        return "entry_malformed"
    version, text = parts
    if version == "" and "empty_version_as_unknown" not in lenient:
        return "entry_malformed"
    if version not in SIG_LENGTH:
        return (version, None)
    if "lenient_base64" in lenient:
        data = python_b64(text)
        if data is None:
            return "entry_malformed"
    else:
        data = canonical_b64(text)
        if data is None:
            loose = python_b64(text)
            # Text a lenient decoder reads as a signature of the right size is non-canonical.
            return "entry_noncanonical_base64" if loose is not None and len(loose) == SIG_LENGTH[version] else "entry_malformed"
    if len(data) != SIG_LENGTH[version] and "any_signature_length" not in lenient:
        return "entry_malformed"
    return (version, data)


def expected(headers, body: bytes, secrets, public_keys, now: int, policy) -> str:
    """The verdict SPEC 3.1/4/7 prescribes, checks in the core's documented order."""
    if not secrets and not public_keys:
        return "no_keys"
    values = {}
    for name in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        found = [v for (n, v) in headers if n.lower() == name]
        if len(found) > 1:
            return "header_duplicate"
        if not found:
            return "header_missing"
        if found[0] == "":
            return "header_empty"
        values[name] = found[0]
    ts = read_timestamp(values["webhook-timestamp"], policy)
    if isinstance(ts, str):
        return ts
    seconds, signed_ts, micros = ts
    content = values["webhook-id"].encode() + b"." + signed_ts.encode() + b"." + body

    def entry_matches(version, data):
        if version == "v1" and any(hmac.compare_digest(hmac.new(k, content, hashlib.sha256).digest(), data) for k in secrets):
            return True
        if version == "v1a" and len(data) == 64:
            for key in public_keys:
                try:
                    key.verify(data, content)
                    return True
                except Exception:
                    pass
        return False

    lenient = leniencies(policy)
    matched = False
    if "stop_at_first_match" in lenient:
        # The Python library's loop: each entry is parsed and tried before the next is read.
        entries = []
        for raw in values["webhook-signature"].split(" ")[:64]:
            parsed = parse_entry(raw, lenient)
            if isinstance(parsed, str):
                if "skip_malformed_entries" in lenient:
                    continue
                parts = raw.split(",")
                keyed = (parts[0] == "v1" and secrets) or (parts[0] == "v1a" and public_keys)
                if len(parts) == 2 and parts[0] in SIG_LENGTH and not keyed:
                    # The loop decodes only entries it can check; Python passes over every non-v1 unread.
                    continue
                return parsed
            entries.append(parsed)
            if entry_matches(*parsed):
                matched = True
                break
    else:
        entries = parse_entries(values["webhook-signature"], policy)
        if isinstance(entries, str):
            return entries
        matched = any(entry_matches(version, data) for version, data in entries)
    if not matched:
        supported = any((v == "v1" and secrets) or (v == "v1a" and public_keys) for v, _ in entries)
        return "signature_mismatch" if supported else "signature_unsupported_version"
    if now - seconds > 300:
        return "timestamp_stale"
    # The instant counts, not its floor: 300.5 s ahead is past the tolerance, as Python compares datetimes.
    if seconds - now > 300 or (seconds - now == 300 and micros > 0):
        return "timestamp_future"
    return "valid"


def parse_secret(text: str, options):
    """Key bytes or a rejection code, for `whsec_` text under the named parsing options."""
    opts = {"unprefixed", "lenient_base64", "any_length", "append_padding"} if options == "python_reference" else set(options or [])
    if text == "":
        return "secret_malformed"
    if text.startswith("whsec_"):
        encoded = text[len("whsec_"):]
    elif "unprefixed" in opts:
        encoded = text
    else:
        return "secret_malformed"
    if encoded == "":
        return "secret_malformed"
    if "append_padding" in opts:
        # standardwebhooks 1.1.0 decodes `secret + "=="`; strict decoding needs exactly the missing pads.
        encoded = encoded + "==" if "lenient_base64" in opts else encoded + "=" * ((4 - len(encoded) % 4) % 4 if len(encoded) % 4 >= 2 else 0)
    key = python_b64(encoded) if "lenient_base64" in opts else canonical_b64(encoded)
    if not key:
        return "secret_malformed"
    if not 24 <= len(key) <= 64 and "any_length" not in opts:
        return "secret_length"
    return key


def public_key_objects(texts, jwks_text):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    keys = []
    for text in texts or []:
        raw = base64.b64decode(text[len("whpk_"):])
        keys.append(Ed25519PublicKey.from_public_bytes(raw[-32:]))
    if jwks_text:
        for jwk in json.loads(jwks_text)["keys"]:
            if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
                x = jwk["x"] + "=" * (-len(jwk["x"]) % 4)
                keys.append(Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(x)))
    return keys

# ---------------------------------------------------------------- vector building


def body_field(body: bytes):
    try:
        return {"text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"base64": b64(body)}


def vector(name, source, msg_id, ts, body, signature, now, policy="strict", secrets=None, public_keys=None,
           jwks=None, secret_options=None, headers=None, note=None, expect=None):
    """One vector; its expected verdict is computed by the model unless `expect` overrides it with a reason in `note`."""
    if headers is None:
        headers = [["webhook-id", msg_id], ["webhook-timestamp", ts], ["webhook-signature", signature]]
    keys = []
    code = None
    for text in secrets or []:
        parsed = parse_secret(text, secret_options)
        if isinstance(parsed, str):
            code = code or parsed
        else:
            keys.append(parsed)
    result = code or expected([tuple(h) for h in headers], body, keys, public_key_objects(public_keys, jwks), now, policy)
    if expect is not None and expect != result:
        raise SystemExit(f"{name}: model says {result}, vector insists on {expect}")
    v = {"name": name, "source": source, "headers": headers, "body": body_field(body)}
    if secrets is not None:
        v["secrets"] = secrets
    if secret_options is not None:
        v["secretOptions"] = secret_options
    if public_keys is not None:
        v["publicKeys"] = public_keys
    if jwks is not None:
        v["jwks"] = jwks
    v.update({"now": now, "policy": policy, "expected": result})
    if note:
        v["note"] = note
    return v


def write(filename, description, vectors):
    names = [v["name"] for v in vectors]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"{filename}: duplicate names {sorted(duplicates)}")
    document = {"format": FORMAT, "description": description, "vectors": vectors}
    validate(document, filename)
    with open(os.path.join(OUT, filename), "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"{filename}: {len(vectors)} vectors")


def validate(document, filename):
    """Checks the output against vectors/schemas/delivery-vectors.schema.json before writing it."""
    try:
        import jsonschema
    except ImportError:
        print(f"{filename}: jsonschema not installed; schema check skipped (pip install jsonschema)")
        return
    with open(os.path.join(OUT, "..", "schemas", "delivery-vectors.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    jsonschema.validate(document, schema)


def src(project, file, test):
    return {"project": project, "file": file, "test": test}

# ---------------------------------------------------------------- published values

SW = "standard-webhooks/standard-webhooks"
DERIVED = src("hookspec shared vectors (derived with Python hmac/cryptography)", SHARED, "")

PUBLISHED = [
    # id, name, source, key, msg_id, ts, body, signature, note
    ("V1", "standard-webhooks python sign", src(SW, "libraries/*/tests (python, js, go, ruby, java, php, csharp)", "sign test"),
     "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", b'{"test": 2432232314}',
     "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", None),
    ("V2", "standard-webhooks rust sign", src(SW + "; m1guelpf/swift-standard-webhooks", "libraries/rust/src/lib.rs; tests/WebhookTest.swift", "test_sign"),
     "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553",
     b'{"email":"test@example.com","username":"test_user"}', "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=", None),
    ("V3", "cosium consumer verifier", src("Cosium/standard-webhooks-consumer", "src/test/java/com/cosium/standard_webhooks_consumer/VerifierTest.java", "VerifierTest"),
     "whsec_b6Ovv5eS7H5seJrGSStBYDivs8v2/KrFjfMaVZYsi7w=", "7a2486b3-31cf-4bd3-a460-df8845d16cd5", "1737987215",
     b'{"greetings": "Hello World"}', "v1,iayM3VaiYCEDP/CxWUFWcxUCJk2YmBDQHtHTsaHzrwo=", None),
    ("V5", "signet 16-byte secret", src("MercuryTechnologies/signet", "source/library/Signet/Unstable/Type/SignerTest.hs", "SignerTest"),
     "whsec_bXlzZWNyZXRrZXkxMjM0NQ==", "i", "0", b"Hello, world!", "v1,IywpE5NXy+JdAScgR7j5Pt59GjmazD7iJuVsQoRZFyw=",
     "16-byte secret, below the spec minimum of 24 bytes"),
    ("D1", "empty body", DERIVED | {"test": "D1"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", b"",
     "v1,v48jdbgvh29KJz2Qc+ghw8G6vG3nAKnujWBg8oM/62A=", None),
    ("D2", "utf-8 multibyte body", DERIVED | {"test": "D2"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
     '{"name":"Zoë 😀"}'.encode(), "v1,5dE+xCmDRCTT6qQMUoXsLn7BV/TeIxgDgZbwmC3tErE=", None),
    ("D3", "spec example content", DERIVED | {"test": "D3"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "1674087231",
     b'{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}',
     "v1,ARw42xaAApl/nxRo+iPGYwSaMQaOwMo2eyH5JBRA+bQ=", None),
    ("D4", "php verify-test payload", DERIVED | {"test": "D4"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
     b'{"test": 2432232315}', "v1,TW/pFPJ2/LwRQdgfM7WklE9yJiRyMs0cTpVPK8leNAU=", None),
    ("D5", "trailing newline body", DERIVED | {"test": "D5"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
     b'{"test": 2432232314}\n', "v1,FIt3hYjPQCdyuyMOw+0dZwwjGRAx1Il4CsgdFnOmrcc=", None),
    ("D7", "invalid utf-8 body", DERIVED | {"test": "D7"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
     b"\xff\xfe\xfd", "v1,lzb0htapYgTTpRUuEjKNzl6f8W/+EMiVtjqf9WKbKFQ=", "byte-oriented verification; the Python library would fail decoding the body as UTF-8"),
    ("D8", "64-byte secret", DERIVED | {"test": "D8"},
     "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+Pw==",
     "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", b'{"test": 2432232314}', "v1,LZ5zuwHTqQH3VM8ERUusjzVQq1FXzemvpR8Mk7Ivp5c=", None),
    ("D6", "leading-zero timestamp signed as sent", DERIVED | {"test": "D6"}, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
     "01614265330", b'{"test": 2432232314}', "v1,HIx6LAZYyqSIVlrnt3IQyW4sH3DpS7I7MvDYauyP37k=",
     "HMAC over the raw header '01614265330'; the reference libraries re-print the timestamp and sign '1614265330' instead"),
]

ED_PUBLISHED = [
    ("V4", "cosium consumer ed25519 spki key", src("Cosium/standard-webhooks-consumer", "src/test/java/com/cosium/standard_webhooks_consumer/VerifierTest.java", "VerifierTest"),
     "whpk_MCowBQYDK2VwAyEAkp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io=", "7a2486b3-31cf-4bd3-a460-df8845d16cd5", "1737987215",
     b'{"greetings": "Hello World"}',
     "v1a,XVbiOe+IzCKsXBuhb52iHLroqxFJofJNMQRL80I2kWO0+kXu2gcqgXAzontxDDgpMDw6SMh4sjzr+67EmUUzDg==", "whpk_ is X.509 SubjectPublicKeyInfo DER (44 bytes)"),
    ("V4", "cosium consumer ed25519 raw key", src("Cosium/standard-webhooks-consumer", "src/test/java/com/cosium/standard_webhooks_consumer/VerifierTest.java", "VerifierTest (raw form of the key)"),
     "whpk_kp3dScDPIzT1CwUFUMdzyPbWOAQaCF9z4ucuKuZD7Io=", "7a2486b3-31cf-4bd3-a460-df8845d16cd5", "1737987215",
     b'{"greetings": "Hello World"}',
     "v1a,XVbiOe+IzCKsXBuhb52iHLroqxFJofJNMQRL80I2kWO0+kXu2gcqgXAzontxDDgpMDw6SMh4sjzr+67EmUUzDg==", "the same key as raw 32 bytes"),
    ("V6", "signet ed25519 raw key", src("MercuryTechnologies/signet", "Signet/Unstable/Type/{SignerTest,VerifierTest}.hs", "SignerTest/VerifierTest"),
     "whpk_wuzPrKxPfWpJSsXgyg/MEoMGvjs5SjDO4ad6X4ZYqqg=", "i", "0", b"Hello, world!",
     "v1a,CV1O+PvrwXM42OMUX+tmm6bA3cS0tgLp0qo3YKuu0MGmBrsUhA0MHXF11HsEUJtPfTKs80WE7WUKVt9TueLDCQ==",
     "signer whsk_QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU= (32-byte seed); deterministic RFC 8032"),
]

V1_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
V1_ID, V1_TS, V1_BODY = "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", b'{"test": 2432232314}'
V1_SIG = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
V1_NOW = 1614265330


def check_published():
    for (vid, _, _, key, msg_id, ts, body, sig, _) in PUBLISHED:
        raw = parse_secret(key, ["any_length"])
        if hmac_entry(raw, msg_id, ts, body) != sig:
            raise SystemExit(f"{vid}: published signature does not recompute")
    for (vid, _, _, key, msg_id, ts, body, sig, _) in ED_PUBLISHED:
        pub = public_key_objects([key], None)[0]
        pub.verify(base64.b64decode(sig[4:]), f"{msg_id}.{ts}.".encode() + body)
    seed = base64.b64decode("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVowMTIzNDU=")
    if ed_entry(Ed25519PrivateKey.from_private_bytes(seed), "i", "0", b"Hello, world!") != ED_PUBLISHED[2][7]:
        raise SystemExit("V6: signature from the published seed does not recompute")


def published_vectors():
    out = []
    for (vid, name, source, key, msg_id, ts, body, sig, note) in PUBLISHED:
        now = int(ts)
        if vid == "V5":
            out.append(vector(f"{vid} {name} strict", source, msg_id, ts, body, sig, now, secrets=[key], note=note + ": strict parsing rejects it", expect="secret_length"))
            out.append(vector(f"{vid} {name} any-length secret", source, msg_id, ts, body, sig, now, secrets=[key], secret_options=["any_length"], note=note, expect="valid"))
            out.append(vector(f"{vid} {name} python reference", source, msg_id, ts, body, sig, now, policy="python_reference", secrets=[key],
                              secret_options="python_reference", note=note, expect="valid"))
            continue
        if vid == "D6":
            out.append(vector(f"{vid} {name} strict", source, msg_id, ts, body, sig, V1_NOW, secrets=[key], note=note, expect="timestamp_noncanonical"))
            out.append(vector(f"{vid} {name} leading-zeros leniency", source, msg_id, ts, body, sig, V1_NOW, policy=["timestamp_leading_zeros"],
                              secrets=[key], note=note + "; the header text is signed, so it verifies", expect="valid"))
            out.append(vector(f"{vid} {name} python reference", source, msg_id, ts, body, sig, V1_NOW, policy="python_reference",
                              secrets=[key], note=note + "; python_reference signs the re-printed seconds, so this signature does not match", expect="signature_mismatch"))
            out.append(vector(f"{vid} V1 signature under leading-zero header python reference", source, msg_id, ts, body, V1_SIG, V1_NOW,
                              policy="python_reference", secrets=[key], note="what the reference libraries accept: V1's signature with the header '01614265330'", expect="valid"))
            out.append(vector(f"{vid} V1 signature under leading-zero header leading-zeros leniency", source, msg_id, ts, body, V1_SIG, V1_NOW,
                              policy=["timestamp_leading_zeros"], secrets=[key], note="the header text is signed, so the re-printed form does not match", expect="signature_mismatch"))
            continue
        out.append(vector(f"{vid} {name}", source, msg_id, ts, body, sig, now, secrets=[key], note=note, expect="valid"))
        out.append(vector(f"{vid} {name} python reference", source, msg_id, ts, body, sig, now, policy="python_reference",
                          secrets=[key], secret_options="python_reference", note=note, expect="valid"))
        if vid == "D5":
            out.append(vector(f"{vid} V1 signature over trailing newline body", source, msg_id, ts, body, V1_SIG, now, secrets=[key],
                              note="V1's signature must not verify the body with a trailing newline", expect="signature_mismatch"))
    for (vid, name, source, key, msg_id, ts, body, sig, note) in ED_PUBLISHED:
        out.append(vector(f"{vid} {name}", source, msg_id, ts, body, sig, int(ts), public_keys=[key], note=note, expect="valid"))
    return out

# ---------------------------------------------------------------- decoys, multi-signature, non-canonical, malformed

DECOYS = [
    "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    "v1,tFtCZ5RDCPxzWQRWXWPgrCgE2frDBe9gjpbWQxnVfsQ=",
    "v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q=",
    "v1,9DfC1c3eeOrXB6w/5dIDydLNQaEyww5KalE5jLBZucE=",
    "v1,R3PTzyfHASBKHH98a7yexTwaJ4yNIcGhFQc1yuN+BPU=",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA=",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLawdd",
    "v1,dawfeoifkpqwoekfpqoekf",
    "v1,invalid_signature",
    "invalid_signature",
    "v1,",
    "v1,0000000000000000000000000000000000000000000=",
    "v1a,00000000000000000000000000000000000000000000000000000000000000000000000000000000000000==",
    "v1a,J/b6YbswScYdpR1AvAXOM2HR/jdSzawexEQ+N/6dHBcKtvJFd9yivsCDkwVE6A1G2C9wFFwQENUhio5rNrpiAw==",
]
MULTI = {
    "must_pass": ("v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= "
                  "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc="),
    "must_fail": "v1,tFtCZ5RDCPxzWQRWXWPgrCgE2frDBe9gjpbWQxnVfsQ= v1,Mm7xgUVICxZfQ3bgf0h0Dof65L/IFx+PnZvnDWPCX6Q= v1,9DfC1c3eeOrXB6w/5dIDydLNQaEyww5KalE5jLBZucE=",
    "wrong_version_must_fail": "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}
NONCANONICAL = [
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OF=",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OH=",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE==",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=!!",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE",
]
MALFORMED = [
    "v1",
    "v1,a,b",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=,junk",
    ",g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    "  v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\u0301",
]
SHARED_SRC = src("hookspec shared vectors", SHARED, "")


def signature_list_vectors():
    out = []
    policies = [("strict", "strict"), ("python_reference", "python reference")]
    for index, decoy in enumerate(DECOYS, 1):
        source = SHARED_SRC | {"test": f"decoy_signatures_invalid_for_all[{index - 1}]"}
        for policy, label in policies:
            out.append(vector(f"decoy {index} alone {label}", source, V1_ID, V1_TS, V1_BODY, decoy, V1_NOW, policy=policy, secrets=[V1_SECRET],
                              note=f"V1 delivery carrying only {decoy!r}"))
            out.append(vector(f"decoy {index} before valid entry {label}", source, V1_ID, V1_TS, V1_BODY, decoy + " " + V1_SIG, V1_NOW,
                              policy=policy, secrets=[V1_SECRET],
                              note="a well-formed decoy before the valid entry must not hide it; a malformed one rejects the whole list (fail closed)"))
        out.append(vector(f"decoy {index} after valid entry strict", source, V1_ID, V1_TS, V1_BODY, V1_SIG + " " + decoy, V1_NOW,
                          secrets=[V1_SECRET],
                          note="the whole list is parsed before any entry is tried, so a malformed entry fails closed wherever it stands"))
        out.append(vector(f"decoy {index} after valid entry python reference", source, V1_ID, V1_TS, V1_BODY, V1_SIG + " " + decoy, V1_NOW,
                          policy="python_reference", secrets=[V1_SECRET],
                          note="the Python library tries each entry before reading the next, so nothing after a match is read"))
    for key, header in MULTI.items():
        for policy, label in policies:
            out.append(vector(f"multi-signature {key.replace('_', ' ')} {label}", SHARED_SRC | {"test": f"multi_signature_headers_for_V1.{key}"},
                              V1_ID, V1_TS, V1_BODY, header, V1_NOW, policy=policy, secrets=[V1_SECRET]))
    for index, entry in enumerate(NONCANONICAL, 1):
        source = SHARED_SRC | {"test": f"noncanonical_base64_of_V1_signature[{index - 1}]"}
        for policy, label in policies + [(["lenient_base64"], "lenient-base64 leniency")]:
            note = "decodes to V1's 32 bytes under Python's b64decode; strict mode insists on the one canonical encoding"
            if python_b64(entry[3:]) is None:
                note = ("the shared list calls this a lenient-decoder variant, but Python 3.11 base64.b64decode raises "
                        "'Incorrect padding' on unpadded text, so every policy here finds it malformed")
            out.append(vector(f"non-canonical base64 {index} {label}", source, V1_ID, V1_TS, V1_BODY, entry, V1_NOW, policy=policy, secrets=[V1_SECRET],
                              note=note))
    for index, entry in enumerate(MALFORMED, 1):
        source = SHARED_SRC | {"test": f"malformed_signature_entries_must_fail_closed[{index - 1}]"}
        for policy, label in policies:
            out.append(vector(f"malformed entry {index} alone {label}", source, V1_ID, V1_TS, V1_BODY, entry, V1_NOW, policy=policy, secrets=[V1_SECRET]))
            out.append(vector(f"malformed entry {index} before valid entry {label}", source, V1_ID, V1_TS, V1_BODY, entry + " " + V1_SIG, V1_NOW,
                              policy=policy, secrets=[V1_SECRET]))
        out.append(vector(f"malformed entry {index} after valid entry python reference", source, V1_ID, V1_TS, V1_BODY, V1_SIG + " " + entry,
                          V1_NOW, policy="python_reference", secrets=[V1_SECRET],
                          note="stop_at_first_match: the Python library never reads an entry after the one that matched"))
        if entry.startswith("v1,"):
            unkeyed = "v1a," + entry[3:]
            out.append(vector(f"malformed entry {index} as v1a before valid entry python reference", source, V1_ID, V1_TS, V1_BODY,
                              unkeyed + " " + V1_SIG, V1_NOW, policy="python_reference", secrets=[V1_SECRET],
                              note="found by the diff-python fuzz target: the Python library never decodes a non-v1 entry, "
                                   "so a verifier without public keys passes over a malformed v1a entry"))
            out.append(vector(f"malformed entry {index} as v1a before valid entry strict", source, V1_ID, V1_TS, V1_BODY,
                              unkeyed + " " + V1_SIG, V1_NOW, policy="strict", secrets=[V1_SECRET],
                              note="strict reads the whole list first and fails closed on any malformed entry"))
        out.append(vector(f"malformed entry {index} before valid entry skip-malformed leniency", source, V1_ID, V1_TS, V1_BODY, entry + " " + V1_SIG,
                          V1_NOW, policy=["skip_malformed_entries"], secrets=[V1_SECRET], expect="valid",
                          note="with skip_malformed_entries a malformed entry is passed over like an unknown version"))
    return out

# ---------------------------------------------------------------- timestamps

TIMESTAMP_EDGES = ["hello", "teadwd", "yo", "", "nan", "inf", "-inf", "-1", "0", "1614265330.9", "1.61426533e9", "0x10",
                   "1_614_265_330", "+1614265330", "01614265330", " 1614265330 ", "946684800"]
OWN_EDGES = ["16142653300", "1614265330 ", "1614265330\t", "1614265330.", ".5", "1e3", "-0", "00",
             # Found by the diff-python fuzz target: Python compares the instant rounded to microseconds.
             "1614265630.5", "1614265630.0000001", "1614265029.9999998", "1614265329.9999998"]


def timestamp_vectors():
    out = []
    for value in TIMESTAMP_EDGES + OWN_EDGES:
        published = value in TIMESTAMP_EDGES
        source = (SHARED_SRC | {"test": f"timestamp_header_edge_values[{TIMESTAMP_EDGES.index(value)}]"}) if published else \
            src("hookspec", "vectors/tools/generate_standard_webhooks.py", "own timestamp edge value")
        label = json.dumps(value, ensure_ascii=True)
        raw_sig = hmac_entry(parse_secret(V1_SECRET, None), V1_ID, value, V1_BODY)
        normalized = None
        try:
            number = float(value)
            if math.isfinite(number):
                normalized = str(python_instant(number)[0])
        except ValueError:
            pass
        features = sorted(timestamp_features(value)) if normalized is not None and value != "" else []

        # Far-off values are also checked at their own time, so parsing and signing are exercised, not only freshness.
        nows = [(V1_NOW, "")]
        if normalized is not None and abs(int(normalized) - V1_NOW) > 300 and abs(float(value)) < 1e15:
            nows.append((int(normalized), ", now at its own time"))
        for now, when in nows:
            def add(suffix, signature, policy, note):
                out.append(vector(f"timestamp {label} {suffix}{when}", source, V1_ID, value, V1_BODY, signature, now, policy=policy,
                                  secrets=[V1_SECRET], note=note))
            add("strict, signed as sent", raw_sig, "strict", "the header text is signed (SPEC 3.1)")
            add("python reference, signed as sent", raw_sig, "python_reference",
                "python_reference signs the re-printed whole seconds, so a non-canonical text signed as sent does not match")
            if normalized is not None:
                sig = hmac_entry(parse_secret(V1_SECRET, None), V1_ID, normalized, V1_BODY)
                add("python reference, signed re-printed", sig, "python_reference",
                    f"signed as the Python library signs: the re-printed seconds {normalized!r}")
            for feature in features:
                add(f"{feature} leniency, signed as sent", raw_sig, ["timestamp_" + feature], "one named leniency, header text signed")
            if len(features) > 1:
                add("all its leniencies, signed as sent", raw_sig, ["timestamp_" + f for f in features], "every feature this value uses, header text signed")
            if features:
                sig = hmac_entry(parse_secret(V1_SECRET, None), V1_ID, normalized, V1_BODY)
                add("its leniencies with re-printed signing", sig, ["timestamp_" + f for f in features] + ["sign_normalized_timestamp"],
                    "named leniencies plus sign_normalized_timestamp: the Python behaviour for this one value")
    return out

# ---------------------------------------------------------------- secrets

INVALID_SECRETS = ["", "whsec_", "whsec_invalid", "invalid", "foo_b6Ovv5eS7H5seJrGSStBYDivs8v2/KrFjfMaVZYsi7w="]
UNPADDED = ["MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwBr"]


def secret_vectors():
    out = []
    for index, secret in enumerate(INVALID_SECRETS):
        source = SHARED_SRC | {"test": f"invalid_secrets[{index}]"}
        label = json.dumps(secret)
        out.append(vector(f"invalid secret {label} strict", source, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[secret]))
        out.append(vector(f"invalid secret {label} python reference", source, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, policy="python_reference",
                          secrets=[secret], secret_options="python_reference"))
    for index, secret in enumerate(UNPADDED):
        source = SHARED_SRC | {"test": f"unpadded_secret_variants_python_only[{index}]"}
        note = ("listed upstream as python-only: standardwebhooks 1.1.0 decodes secret + '==' (append_padding), so "
                "python_reference reads a key (of the wrong bytes for V1, hence signature_mismatch); strict rejects it")
        for text, form in [(secret, "bare"), ("whsec_" + secret, "prefixed")]:
            out.append(vector(f"unpadded secret {index + 1} {form} strict", source, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[text], note=note))
            out.append(vector(f"unpadded secret {index + 1} {form} python reference", source, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW,
                              policy="python_reference", secrets=[text], secret_options="python_reference", note=note))
    own = src("hookspec", "vectors/tools/generate_standard_webhooks.py", "secret parsing")
    padded = "whsec_" + b64(parse_secret(V1_SECRET, None))
    out.append(vector("secret without prefix strict", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[padded[6:]], expect="secret_malformed"))
    out.append(vector("secret without prefix unprefixed option", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[padded[6:]],
                      secret_options=["unprefixed"], expect="valid"))
    out.append(vector("secret of 23 bytes strict", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=["whsec_" + b64(bytes(range(23)))], expect="secret_length"))
    out.append(vector("secret of 65 bytes strict", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=["whsec_" + b64(bytes(range(65)))], expect="secret_length"))
    for where, text in [("trailing", V1_SECRET + "!"), ("inside", "whsec_MfKQ9r8G!KYqrTwjUPD8ILPZIo2LaLaSw")]:
        out.append(vector(f"secret with stray character {where} strict", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[text],
                          expect="secret_malformed"))
        out.append(vector(f"secret with stray character {where} python reference", own, V1_ID, V1_TS, V1_BODY, V1_SIG, V1_NOW, secrets=[text],
                          secret_options="python_reference", policy="python_reference", expect="valid",
                          note="Python's b64decode drops characters outside the alphabet"))
    return out

# ---------------------------------------------------------------- hookspec's own negatives

OWN = src("hookspec", "vectors/tools/generate_standard_webhooks.py", "own negative")


def own_secret(label: str, size: int = 32) -> str:
    return "whsec_" + b64(hashlib.sha256(b"hookspec vector secret " + label.encode()).digest()[:size])


def own_vectors():
    out = []
    a, b, c, d = (own_secret(x) for x in "ABCD")
    key = {s: parse_secret(s, None) for s in (a, b, c, d)}
    msg_id, ts, now = "msg_hookspec_0001", "1700000000", 1700000000
    body = b'{"type":"batch.succeeded","version":"v1","timestamp":"2023-11-14T22:13:20Z","data":{"id":"batches/1","output_file_uri":"gs://b/o"}}'
    sig_a = hmac_entry(key[a], msg_id, ts, body)

    def add(name, signature=None, secrets=None, expect=None, note=None, **kw):
        out.append(vector(name, OWN | {"test": name}, kw.pop("msg_id", msg_id), kw.pop("ts", ts), kw.pop("body", body),
                          signature if signature is not None else sig_a, kw.pop("now", now),
                          secrets=[a] if secrets is None else secrets, expect=expect, note=note, **kw))

    add("baseline valid", expect="valid")
    def flip(text, index):
        chars = list(text)
        chars[index] = "1" if chars[index] != "1" else "2"
        return "".join(chars)
    add("tampered id last byte", msg_id=flip(msg_id, -1), expect="signature_mismatch")
    add("tampered id first byte", msg_id="n" + msg_id[1:], expect="signature_mismatch")
    add("tampered timestamp last digit", ts="1700000001", expect="signature_mismatch", note="still fresh: only the signature can catch it")
    tampered = bytearray(body); tampered[10] ^= 0x01
    add("tampered body one byte", body=bytes(tampered), expect="signature_mismatch")
    add("tampered body appended newline", body=body + b"\n", expect="signature_mismatch")
    add("tampered body reserialised json", body=json.dumps(json.loads(body)).encode(), expect="signature_mismatch",
        note="the same JSON re-serialised with spaces is a different body (SPEC 3.1)")
    sig_chars = list(sig_a); sig_chars[3] = "A" if sig_chars[3] != "A" else "B"
    add("tampered signature first character", signature="".join(sig_chars), expect="signature_mismatch")
    add("wrong secret", secrets=[b], expect="signature_mismatch")
    add("rotation two secrets new first", secrets=[b, a], expect="valid")
    add("rotation two secrets old first", secrets=[a, b], expect="valid")
    add("rotation three secrets match last", secrets=[c, b, a], expect="valid")
    add("rotation three secrets none match", secrets=[b, c, d], expect="signature_mismatch")
    three = " ".join(hmac_entry(key[s], msg_id, ts, body) for s in (a, b, c))
    add("rotation three entries receiver holds A", signature=three, secrets=[a], expect="valid")
    add("rotation three entries receiver holds B", signature=three, secrets=[b], expect="valid")
    add("rotation three entries receiver holds C", signature=three, secrets=[c], expect="valid")
    add("rotation three entries receiver holds none", signature=three, secrets=[d], expect="signature_mismatch")
    add("rotation two entries receiver holds both", signature=hmac_entry(key[b], msg_id, ts, body) + " " + sig_a, secrets=[a, b], expect="valid")

    std = lambda sig=sig_a: [["webhook-id", msg_id], ["webhook-timestamp", ts], ["webhook-signature", sig]]
    add("re-cased header names", headers=[["Webhook-Id", msg_id], ["WEBHOOK-TIMESTAMP", ts], ["WebHook-Signature", sig_a]], expect="valid")
    add("headers in another order", headers=list(reversed(std())), expect="valid")
    add("duplicate signature header", headers=std() + [["webhook-signature", sig_a]], expect="header_duplicate",
        note="two webhook-signature fields are ambiguous; a receiver that joins them differs from one that takes the first")
    add("duplicate id header differing case", headers=std() + [["Webhook-Id", msg_id]], expect="header_duplicate")
    add("duplicate timestamp header", headers=std() + [["webhook-timestamp", "1700000001"]], expect="header_duplicate")
    for index, name in enumerate(["webhook-id", "webhook-timestamp", "webhook-signature"]):
        missing = [h for h in std() if h[0] != name]
        add(f"missing {name}", headers=missing, expect="header_missing")
        empty = [[h[0], "" if h[0] == name else h[1]] for h in std()]
        add(f"empty {name}", headers=empty, expect="header_empty")
    add("no headers at all", headers=[], expect="header_missing")
    add("unrelated headers only", headers=[["content-type", "application/json"], ["svix-id", msg_id]], expect="header_missing")
    add("no keys configured", secrets=[], expect="no_keys")

    for offset, code in [(300, "valid"), (301, "timestamp_stale"), (-300, "valid"), (-301, "timestamp_future"),
                         (86400, "timestamp_stale"), (-86400, "timestamp_future")]:
        word = "stale" if offset > 0 else "future"
        add(f"{word} boundary now {offset:+d} s", now=now + offset, expect=code,
            note="fresh when |now - timestamp| <= 300 (SPEC 4)")
    add("stale forgery reports the signature", signature="".join(sig_chars), now=now + 3600, expect="signature_mismatch",
        note="signature is checked before freshness, so a stale forgery is a mismatch")
    forty = " ".join(["v1," + b64(hashlib.sha256(bytes([i])).digest()) for i in range(64)])
    add("valid entry after 64 decoys", signature=forty + " " + sig_a, expect="signature_mismatch",
        note="at most 64 entries are read from one header (bounded work); the 65th is never tried")
    add("valid entry after 63 decoys", signature=" ".join(forty.split(" ")[:63]) + " " + sig_a, expect="valid")
    add("unknown version only", signature="v9," + sig_a[3:], expect="signature_unsupported_version")
    add("binary body", body=bytes(range(256)), signature=hmac_entry(key[a], msg_id, ts, bytes(range(256))), expect="valid")

    # v1a (SPEC 3.2)
    seed = hashlib.sha256(b"hookspec vector ed25519 key 1").digest()
    priv = Ed25519PrivateKey.from_private_bytes(seed)
    other = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"hookspec vector ed25519 key 2").digest())
    third = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"hookspec vector ed25519 key 3").digest())
    raw = lambda k: k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    spki = lambda k: k.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    whpk_raw, whpk_spki = "whpk_" + b64(raw(priv)), "whpk_" + b64(spki(priv))
    x = lambda k: base64.urlsafe_b64encode(raw(k)).decode().rstrip("=")
    ed_sig = ed_entry(priv, msg_id, ts, body)
    add("v1a whpk raw key", signature=ed_sig, secrets=None if False else [], public_keys=[whpk_raw], expect="valid",
        note=f"signing seed (test key): whsk_{b64(seed)}")
    add("v1a whpk spki key", signature=ed_sig, secrets=[], public_keys=[whpk_spki], expect="valid")
    jwks_one = json.dumps({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": x(priv), "kid": "k1", "use": "sig", "alg": "EdDSA"}]})
    add("v1a jwks one key", signature=ed_sig, secrets=[], jwks=jwks_one, expect="valid")
    rsa_n = base64.urlsafe_b64encode(hashlib.sha512(b"n").digest() * 4).decode().rstrip("=")
    jwks_many = json.dumps({"keys": [
        {"kty": "RSA", "kid": "r1", "n": rsa_n, "e": "AQAB", "alg": "RS256"},
        {"kty": "OKP", "crv": "Ed25519", "x": x(other), "kid": "k2"},
        {"kty": "OKP", "crv": "Ed25519", "x": x(third), "kid": "k3"},
        {"kty": "OKP", "crv": "Ed25519", "x": x(priv), "kid": "k1"},
    ]})
    add("v1a jwks three okp keys and an rsa key match last", signature=ed_sig, secrets=[], jwks=jwks_many, expect="valid",
        note="no kid travels with a v1a entry: every key is tried (SPEC 3.2); the RSA key is skipped")
    add("v1a wrong key", signature=ed_sig, secrets=[], public_keys=["whpk_" + b64(raw(other))], expect="signature_mismatch")
    add("v1a jwks without the key", signature=ed_sig, secrets=[],
        jwks=json.dumps({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": x(other), "kid": "k2"}]}), expect="signature_mismatch")
    add("v1a entry with only hmac secrets", signature=ed_sig, secrets=[a], expect="signature_unsupported_version",
        note="no public key is configured, so no entry is of a version this verifier can check")
    add("v1 entry with only public keys", signature=sig_a, secrets=[], public_keys=[whpk_raw], expect="signature_unsupported_version")
    add("v1 and v1a entries with only public keys", signature=sig_a + " " + ed_sig, secrets=[], public_keys=[whpk_raw], expect="valid")
    add("v1 and v1a entries with only hmac secrets", signature=sig_a + " " + ed_sig, secrets=[a], expect="valid")
    add("v1a tampered body", signature=ed_sig, secrets=[], public_keys=[whpk_raw], body=bytes(tampered), expect="signature_mismatch")
    add("v1a tampered timestamp", signature=ed_sig, secrets=[], public_keys=[whpk_raw], ts="1700000001", expect="signature_mismatch")
    add("v1a stale", signature=ed_sig, secrets=[], public_keys=[whpk_raw], now=now + 301, expect="timestamp_stale")
    add("v1a signature truncated", signature=ed_sig[:-4] + "AA==", secrets=[], public_keys=[whpk_raw], expect="signature_mismatch")
    add("v1a signature of hmac length", signature="v1a," + sig_a[3:], secrets=[], public_keys=[whpk_raw], expect="entry_malformed",
        note="32 bytes where Ed25519 needs 64")
    return out


def main():
    check_published()
    os.makedirs(OUT, exist_ok=True)
    write("published.json", "Published Standard Webhooks vectors (V1-V6) and the derived D1-D8, each with its source; "
          "expected verdicts from SPEC 3.1/3.2 under the named policy.", published_vectors())
    write("signature-lists.json", "Decoy, multi-signature, non-canonical and malformed webhook-signature values from the published list, "
          "alone and before V1's valid entry, under strict and python_reference. Known difference from the Python library itself: "
          "it reads entries in order and returns at the first match and treats an empty version as unknown; "
          "the core parses the whole list first and fails closed.", signature_list_vectors())
    write("timestamps.json", "Every published timestamp edge value plus hookspec's own, on V1's delivery at now=1614265330, "
          "under strict, python_reference and each named leniency, signed as sent and signed re-printed.", timestamp_vectors())
    write("secrets.json", "Invalid and unpadded secrets from the published list plus hookspec's own, under strict and "
          "python_reference parsing.", secret_vectors())
    write("hookspec-negatives.json", "hookspec's own deliveries: tampering, wrong secret, rotation, header duplicates and casing, "
          "missing and empty headers, freshness boundaries, v1a keys (raw, SPKI, JWKS).", own_vectors())


if __name__ == "__main__":
    sys.exit(main())
