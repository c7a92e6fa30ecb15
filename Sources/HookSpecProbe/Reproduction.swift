/// Human-readable, secret-free renderings of what was sent and what came back (SPEC §9.7, §9.8).
///
/// Signature values are computed with the real secret; printing them would hand out valid MACs,
/// so every entry's payload is replaced by a placeholder that keeps its length.
public enum Reproduction {
    /// Longest body inlined in a curl line or a report; larger ones are described.
    static let inlineBodyLimit = 2_048

    /// Header names whose values are redacted (any name containing "signature").
    static func isSignatureHeader(_ name: [UInt8]) -> Bool {
        String(decoding: name, as: UTF8.self).lowercased().contains("signature")
    }

    /// The signature value with each entry's payload replaced by `<N chars, not shown>`.
    public static func redactedSignature(_ value: [UInt8]) -> String {
        let text = String(decoding: value, as: UTF8.self)
        return text.split(separator: " ", omittingEmptySubsequences: false).map { entry -> String in
            guard !entry.isEmpty else { return "" }
            if let comma = entry.firstIndex(of: ",") {
                let payload = String(entry[entry.index(after: comma)...])
                let version = String(entry[..<comma])
                return payload.isEmpty ? String(entry) : version + ",<\(payload.count) chars, not shown>"
            }
            return "<\(entry.count) chars, not shown>"
        }.joined(separator: " ")
    }

    /// A curl command that resends `request` to `url`, signatures redacted; the closing note says
    /// how to recompute them for `scheme`, naming the key file when there is one, never a key.
    public static func curl(_ request: ProbeRequest, url: String, scheme: ProbeScheme = .v1, keyFile: String? = nil) -> String {
        var parts = ["curl -sS -i -X \(request.method) \(shellQuoted(Array(url.utf8)))"]
        var redacted = false
        for header in request.headers {
            let value: [UInt8]
            if isSignatureHeader(header.name) {
                value = Array(redactedSignature(header.value).utf8)
                redacted = true
            } else {
                value = header.value
            }
            parts.append("-H " + shellQuoted(header.name + Array(": ".utf8) + value))
        }
        if request.body.count > inlineBodyLimit {
            parts.append("--data-binary @body.bin")
        } else if !request.body.isEmpty {
            parts.append("--data-binary " + shellQuoted(request.body))
        }
        var line = parts.joined(separator: " \\\n  ")
        if request.body.count > inlineBodyLimit {
            line += "\n# body.bin: the \(request.body.count)-byte body of this case (too large to inline)"
        }
        if redacted {
            switch scheme {
            case .v1:
                line += "\n# Signature values were computed with the real secret and are not printed: recompute each entry"
                line += "\n# as base64(HMAC-SHA256(key, id + \".\" + timestamp + \".\" + body)) with the key from $HOOKSPEC_SECRET."
            case .v1a:
                line += "\n# Signatures are not printed: recompute each entry as base64(Ed25519-sign(id + \".\" + timestamp + \".\" + body)),"
                line += "\n# e.g. `hookspec sign --scheme v1a --key-file \(keyFile ?? "KEYS.json") --kid KID --id ID --timestamp TS --body BODY --format signature`"
                if keyFile == nil { line += "\n# (this run made its own keys; probe with --key-file so that reproductions can sign)" }
            case .jwt:
                line += "\n# The token is not printed: sign a fresh one over this body with the run's RSA key,"
                line += "\n# e.g. `hookspec sign --scheme jwt --key-file \(keyFile ?? "KEYS.json") --kid KID --audience AUD --timestamp TS --body BODY --format signature`"
                if keyFile == nil { line += "\n# (this run made its own keys; probe with --key-file so that reproductions can sign)" }
            }
        }
        return line
    }

    /// The `hookspec probe` command that runs one case again against `url` (the baseline runs with it).
    public static func probeCommand(caseID: String, url: String, scheme: ProbeScheme, keyFile: String?) -> String {
        var words = ["hookspec probe", shellQuoted(Array(url.utf8)), "--scheme", scheme.rawValue]
        if let keyFile { words += ["--key-file", shellQuoted(Array(keyFile.utf8))] }
        if scheme != .v1 { words += ["--jwks-port", "PORT"] }
        words += ["--only", caseID]
        var line = words.joined(separator: " ")
        if scheme != .v1 { line += "   # PORT: the JWKS port the receiver is configured with" }
        return line
    }

    /// Method, headers (signatures redacted) and body, for failure messages.
    public static func describe(_ request: ProbeRequest) -> String {
        var out = request.method + "\n"
        for header in request.headers {
            let value = isSignatureHeader(header.name) ? redactedSignature(header.value) : printable(header.value)
            out += printable(header.name) + ": " + value + "\n"
        }
        out += "\n" + describeBody(request.body)
        return out
    }

    /// A body as escaped text, truncated, or described when large.
    public static func describeBody(_ body: [UInt8]) -> String {
        if body.isEmpty { return "(empty body)" }
        if body.count > inlineBodyLimit {
            return printable(Array(body.prefix(256))) + "… (\(body.count) bytes in all)"
        }
        return printable(body)
    }

    /// UTF-8 text with control and invalid bytes written as `\xHH`.
    public static func printable(_ bytes: [UInt8]) -> String {
        var out = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A { out += "\\n"; index += 1; continue }
            if byte == 0x0D { out += "\\r"; index += 1; continue }
            if byte == 0x09 { out += "\\t"; index += 1; continue }
            if byte < 0x20 || byte == 0x7F { out += hexEscape(byte); index += 1; continue }
            if byte < 0x80 { out.unicodeScalars.append(Unicode.Scalar(byte)); index += 1; continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            if length > 1, index + length <= bytes.count {
                var validated = String(validating: bytes[index..<(index + length)], as: UTF8.self)
                if let text = validated.take() {
                    out += text
                    index += length
                    continue
                }
            }
            out += hexEscape(byte)
            index += 1
        }
        return out
    }

    /// A Bash `$'…'` word for any bytes.
    static func shellQuoted(_ bytes: [UInt8]) -> String {
        var out = "$'"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "'"): out += "\\'"
            case UInt8(ascii: "\\"): out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += hexEscape(byte)
            }
        }
        return out + "'"
    }

    static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
