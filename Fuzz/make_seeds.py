#!/usr/bin/env python3
"""Builds the seed corpus of every fuzz target from the repository's vector files.

Usage: make_seeds.py REPO_ROOT OUT_DIR [WYCHEPROOF_DIR]
Writes OUT_DIR/<target>/<sha1 of the seed> for each target; deterministic, standard library only.
"""
import base64
import hashlib
import json
import os
import struct
import sys
from pathlib import Path

SEP = b"\n"


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


class Seeds:
    def __init__(self, out):
        self.out = Path(out)
        self.count = {}

    def add(self, target, data, limit=65536):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if len(data) > limit:
            return
        folder = self.out / target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        self.count[target] = self.count.get(target, 0) + 1


def body_bytes(body):
    if "text" in body:
        return body["text"].encode()
    return base64.b64decode(body["base64"])


def delivery_vectors(root):
    for path in sorted((root / "vectors" / "standard-webhooks").glob("*.json")):
        document = json.loads(path.read_text())
        for vector in document["vectors"]:
            yield path, vector


def jose_vectors(root):
    for path in sorted((root / "vectors" / "jose").glob("*.json")):
        for vector in json.loads(path.read_text())["vectors"]:
            yield vector


def main():
    root, out = Path(sys.argv[1]), sys.argv[2]
    wycheproof = Path(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else None
    seeds = Seeds(out)

    for path, vector in delivery_vectors(root):
        headers = {name.lower(): value for name, value in vector["headers"]}
        body = body_bytes(vector["body"])
        now = struct.pack(">q", vector["now"])
        signature = headers.get("webhook-signature", "")
        timestamp = headers.get("webhook-timestamp", "")
        msg_id = headers.get("webhook-id", "")
        seeds.add("signature-list", signature)
        seeds.add("timestamp", now + timestamp.encode())
        seeds.add("timestamp", timestamp)
        for entry in signature.split(" "):
            seeds.add("base64", entry.partition(",")[2])
        block = "HTTP/1.1 200 OK\r\n" + "".join(f"{n}: {v}\r\n" for n, v in vector["headers"]) + "\r\n"
        seeds.add("header-block", block)
        seeds.add("header-block", block.replace("\r\n", "\n"))
        for secret in vector.get("secrets", []):
            seeds.add("keys", secret)
            seeds.add("base64", secret.removeprefix("whsec_"))
            try:
                key = base64.b64decode(secret.removeprefix("whsec_") + "==")
            except ValueError:
                key = b""
            if key and b"\n" not in key:
                seeds.add("diff-hmac", key + SEP + msg_id.encode() + SEP + body)
        for public_key in vector.get("publicKeys", []):
            seeds.add("keys", public_key)
        if vector.get("jwks"):
            seeds.add("jwks", vector["jwks"])
        secret = (vector.get("secrets") or [""])[0]
        if "\n" not in secret + msg_id + timestamp + signature:
            fields = [secret.encode(), msg_id.encode(), timestamp.encode()]
            seeds.add("diff-python", SEP.join(fields + [signature.encode(), body]))
            placeholder = " ".join("v1,\x01" if e.startswith("v1,") else e for e in signature.split(" "))
            seeds.add("diff-python", SEP.join(fields + [placeholder.encode(), body]))
        # One small vector file per vector: the loader's whole grammar in a few hundred bytes.
        single = {"format": "hookspec-delivery-vectors/1", "description": path.name, "vectors": [vector]}
        seeds.add("vector-loaders", compact(single))
        seeds.add("strict-json", compact(vector))
    for path in sorted((root / "vectors" / "standard-webhooks").glob("*.json")):
        seeds.add("vector-loaders", path.read_bytes(), limit=32768)

    for vector in jose_vectors(root):
        token = vector.get("token")
        if isinstance(token, str):
            seeds.add("jws", token)
            parts = token.split(".")
            if len(parts) == 3:
                for part in parts:
                    seeds.add("base64", part)
                try:
                    header, claims = b64url_decode(parts[0]), b64url_decode(parts[1])
                except ValueError:
                    header = claims = None
                if header is not None and b"\n" not in header + claims:
                    body = vector.get("body", "").encode() if isinstance(vector.get("body"), str) else b""
                    seeds.add("jwt-signed", header + SEP + claims + SEP + body)
                    seeds.add("strict-json", header)
                    seeds.add("strict-json", claims)
                    seeds.add("claims-scan", claims)
        jwk = vector.get("jwk")
        if isinstance(jwk, dict):
            seeds.add("keys", compact(jwk))
        jwks = vector.get("jwks")
        if isinstance(jwks, dict):
            seeds.add("jwks", compact(jwks))
        elif isinstance(jwks, str):
            seeds.add("jwks", jwks)
        seeds.add("vector-loaders", compact({"format": "hookspec/jose-vectors/1", "description": "one", "vectors": [vector]}), limit=32768)

    envelopes = root / "vectors" / "envelopes"
    for path in sorted(envelopes.glob("*.json")):
        data = path.read_bytes()
        seeds.add("recorded-envelope", data)
        recorded = json.loads(data)
        seeds.add("envelope", body_bytes(recorded["body"]))
        seeds.add("strict-json", body_bytes(recorded["body"]))
    catalog = root / "vectors" / "catalog" / "events.json"
    seeds.add("vector-loaders", catalog.read_bytes(), limit=65536)

    if wycheproof and (wycheproof / "ed25519_test.json").exists():
        document = json.loads((wycheproof / "ed25519_test.json").read_text())
        for group in document["testGroups"]:
            public_key = bytes.fromhex(group["publicKey"]["pk"])
            for test in group["tests"]:
                signature = bytes.fromhex(test["sig"])
                if len(signature) == 64:
                    seeds.add("diff-ed25519", b"\x01" + bytes(32) + signature + public_key + bytes.fromhex(test["msg"]))
    for seed in range(4):
        seeds.add("diff-ed25519", bytes([seed * 2]) + bytes([seed + 1]) * 32 + bytes(96) + b"message")

    for target, count in sorted(seeds.count.items()):
        print(f"seeds: {target}: {count}")


if __name__ == "__main__":
    main()
