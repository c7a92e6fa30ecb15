#!/usr/bin/env python3
"""The real `standardwebhooks` (1.1.0) library as an oracle for the `diff-python` fuzz target.

Long-lived: reads requests from stdin and answers on stdout until stdin closes.
Request: an 8-byte big-endian signed `now` (Unix seconds), then five fields, each a 4-byte
big-endian length and that many bytes: secret, webhook-id, webhook-timestamp,
webhook-signature (UTF-8 text) and the body (bytes).
Answer: one status byte, then two fields as above: the key bytes the library derived from the
secret (empty when refused) and a detail (the exception class name, or empty):
  b"S" the secret was refused
  b"A" the delivery verified
  b"R" the delivery was refused
The library reads the clock itself (datetime.now); it is pinned to the request's `now`.
"""
import struct
import sys
from datetime import datetime

import standardwebhooks.webhooks as library

_now = [0]


class _PinnedClock(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(_now[0], tz=tz)


library.datetime = _PinnedClock


def read_exact(stream, count):
    data = b""
    while len(data) < count:
        chunk = stream.read(count - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def answer(out, status, key, detail):
    out.write(status + struct.pack(">I", len(key)) + key + struct.pack(">I", len(detail)) + detail)
    out.flush()


def main():
    source, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        head = read_exact(source, 8)
        if head is None:
            return
        _now[0] = struct.unpack(">q", head)[0]
        fields = []
        for _ in range(5):
            size = struct.unpack(">I", read_exact(source, 4))[0]
            fields.append(read_exact(source, size))
        secret, msg_id, timestamp, signature, body = fields
        try:
            hook = library.Webhook(secret.decode("utf-8"))
        except Exception as error:  # the library raises several unrelated types here
            answer(out, b"S", b"", type(error).__name__.encode())
            continue
        headers = {
            "webhook-id": msg_id.decode("utf-8"),
            "webhook-timestamp": timestamp.decode("utf-8"),
            "webhook-signature": signature.decode("utf-8"),
        }
        try:
            hook.verify(body, headers, json_parse=False)
        except Exception as error:
            answer(out, b"R", hook._whsecret, type(error).__name__.encode())
            continue
        answer(out, b"A", hook._whsecret, b"")


if __name__ == "__main__":
    main()
