import HookSpecCore

/// How a reproduction recomputes one MAC or signature a case made (`SigningLog`): the texts of it
/// that may appear in a request, each with the shell expression that rebuilds it, and the line
/// that computes it with a fresh id and timestamp (SPEC §9.7).
///
/// Secret-derived values come from `$HOOKSPEC_SECRET`, signatures by trusted keys from the key
/// file through `hookspec sign --signing-input`, those by untrusted keys from a key the script
/// makes, HMACs under public bytes from those bytes.
struct ReproductionRecipe {
    /// A text of the value and the expression that rebuilds it.
    struct Form {
        let text: String
        let expression: String
    }

    /// A JWS signing input split into what a script rebuilds: `BASE64URL(header) "." payload`.
    struct TokenInput {
        /// The header's JSON bytes.
        let header: [UInt8]
        /// The header segment.
        let headerSegment: String
        /// The payload's bytes (JSON).
        let payload: [UInt8]
        /// The payload segment; nil for an unencoded payload (RFC 7797), signed as it is.
        let payloadSegment: String?

        init?(_ message: [UInt8]) {
            guard let dot = message.firstIndex(of: UInt8(ascii: ".")),
                let headerSegment = String(validating: message[..<dot], as: UTF8.self),
                case .success(let header) = Base64Codec.decode(headerSegment, mode: .strictURL), header.first == UInt8(ascii: "{")
            else { return nil }
            let rest = Array(message[(dot + 1)...])
            self.header = header
            self.headerSegment = headerSegment
            if let text = String(validating: rest, as: UTF8.self), case .success(let payload) = Base64Codec.decode(text, mode: .strictURL) {
                self.payload = payload
                self.payloadSegment = text
            } else {
                self.payload = rest
                self.payloadSegment = nil
            }
        }
    }

    /// 1-based; names the script's variables `mN` (the value), `hN` and `pN` (a token's segments).
    let index: Int
    let record: SigningRecord
    /// Set when the record signs a JWS signing input.
    let token: TokenInput?

    init(index: Int, record: SigningRecord, scheme: ProbeScheme) {
        self.index = index
        self.record = record
        token = scheme == .jwt ? TokenInput(record.message) : nil
    }

    var value: String { "${m\(index)}" }
    var headerVariable: String { "${h\(index)}" }
    var payloadVariable: String { "${p\(index)}" }

    /// Why no script can recompute this value, or nil when one can.
    func unavailability(keyFile: String?) -> String? {
        switch record.key {
        case .runOnly:
            "it is signed by a key made for this probe run alone (a rotation key or the 1024-bit key the probe's JWKS lists), which no key file holds"
        case .published where keyFile == nil:
            "this probe run made its own keys; probe with --key-file (hookspec keys new) so that reproductions can sign"
        case .published, .trustedSecret, .trustedSecretText, .trustedSecretTextWithoutPrefix, .untrusted, .publicMaterial, .other:
            nil
        }
    }

    /// Whether the script recomputes this value (MACs under other keys stay as they were sent).
    var isRecomputed: Bool { record.key != .other }

    /// The texts of the value a request may carry, longest first where it matters.
    var forms: [Form] {
        if let token {
            var forms = [Form(text: Base64Codec.encodeURL(record.output), expression: value), Form(text: token.headerSegment, expression: headerVariable)]
            if let segment = token.payloadSegment { forms.append(Form(text: segment, expression: payloadVariable)) }
            return forms
        }
        let b64 = Base64Codec.encode(record.output)
        var forms = [Form(text: b64, expression: value)]
        // A bit flipped in place is rebuilt in the fresh value too: kept as a literal, the old
        // character could match the fresh value's and send it undamaged.
        for index in record.output.indices {
            for bit in 0..<8 {
                var flipped = record.output
                flipped[index] ^= UInt8(1 << bit)
                forms.append(Form(text: Base64Codec.encode(flipped), expression: "$(flipbit \"\(value)\" \(index) \(1 << bit))"))
            }
        }
        let url = DeliveryCraft.urlAlphabet(b64)
        if url != b64 { forms.append(Form(text: url, expression: "$(b64url \"\(value)\")")) }
        switch record.algorithm {
        case .hmacSHA256:
            forms.append(Form(text: DeliveryCraft.hex(record.output), expression: "$(b64hex \"\(value)\")"))
            let padded = DeliveryCraft.nonZeroPaddingBits(b64)
            if padded != b64 { forms.append(Form(text: padded, expression: "$(padbits \"\(value)\")")) }
        case .ed25519:
            if b64.hasSuffix("==") { forms.append(Form(text: String(b64.dropLast(2)), expression: "${m\(index)%==}")) }
            if record.output.count == 64 {
                forms.append(Form(text: Base64Codec.encode(Ed25519Cases.malleable(record.output)), expression: "$(malleable \"\(value)\")"))
            }
        case .rs256:
            break
        }
        return forms
    }

    /// The base64 text whose runs a request may carry in slices (a truncated or altered value); nil for tokens.
    var sliceSource: String? { token == nil ? Base64Codec.encode(record.output) : nil }

    /// Texts a printed literal must not share a run of `ReproductionScript.leakWindow` characters with.
    var confidentialTexts: [String] {
        guard record.key.isConfidential else { return [] }
        let b64 = Base64Codec.encode(record.output)
        return [b64, DeliveryCraft.urlAlphabet(b64), Base64Codec.encodeURL(record.output), DeliveryCraft.hex(record.output)]
    }

    /// The command that reads the message on standard input and prints the value in base64.
    var signer: String {
        switch (record.key, record.algorithm) {
        case (.trustedSecret, _): return "hmac \"hexkey:$key_hex\""
        case (.trustedSecretText, _): return "hmac \"key:$HOOKSPEC_SECRET\""
        case (.trustedSecretTextWithoutPrefix, _): return "hmac \"key:${HOOKSPEC_SECRET#whsec_}\""
        // HMAC pads a short key with zeros, so the empty key is the one zero byte OpenSSL accepts.
        case (.publicMaterial(let key), _): return "hmac hexkey:" + (key.isEmpty ? "00" : DeliveryCraft.hex(key))
        case (.published(let keyID), .ed25519): return "sign_key v1a " + Reproduction.shellQuoted(Array(keyID.utf8))
        case (.published(let keyID), _): return "sign_key jwt " + Reproduction.shellQuoted(Array(keyID.utf8))
        case (.untrusted, .ed25519): return "sign_ed25519 \"$dir/untrusted-ed25519.pem\""
        case (.untrusted, _): return "sign_rsa \"$dir/untrusted-rsa.pem\""
        case (.runOnly, _), (.other, _): preconditionFailure("only values a script can recompute have a signer")
        }
    }

    /// Shell helpers, by name, each defined once in a script that calls it.
    static let helpers: [(name: String, definition: String)] = [
        ("hmac", "hmac() { openssl dgst -sha256 -mac HMAC -macopt \"$1\" -binary | base64 -w0; }"),
        ("sign_key", "sign_key() { \"${HOOKSPEC_BIN:-hookspec}\" sign --scheme \"$1\" --key-file \"$HOOKSPEC_KEY_FILE\" --kid \"$2\" --signing-input -; }"),
        ("sign_ed25519", "sign_ed25519() { cat > \"$dir/message\"; openssl pkeyutl -sign -rawin -inkey \"$1\" -in \"$dir/message\" | base64 -w0; }"),
        ("sign_rsa", "sign_rsa() { openssl dgst -sha256 -sign \"$1\" -binary | base64 -w0; }"),
        ("tob64u", "tob64u() { tr '+/' '-_' | tr -d '='; }"),
        ("b64u", "b64u() { base64 -w0 | tr '+/' '-_' | tr -d '='; }"),
        ("hexbin", "hexbin() { local h; h=$(cat); printf \"$(printf '%s' \"$h\" | sed 's/../\\\\x&/g')\"; }"),
        ("flipbit", "flipbit() { local h b; h=$(printf '%s' \"$1\" | base64 -d | od -An -v -tx1 | tr -d ' \\n'); b=$(( 16#${h:2*$2:2} ^ $3 )); printf '%s' \"${h:0:2*$2}$(printf %02x \"$b\")${h:2*$2+2}\" | hexbin | base64 -w0; }"),
        ("b64hex", "b64hex() { printf '%s' \"$1\" | base64 -d | od -An -v -tx1 | tr -d ' \\n'; }"),
        ("b64url", "b64url() { printf '%s' \"$1\" | tr '+/' '-_'; }"),
        ("padbits", "padbits() { local a=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ c=${1:42:1}; local p=${a%%\"$c\"*}; printf '%s' \"${1:0:42}${a:$(( ${#p} | 1 )):1}${1:43}\"; }"),
        // S + L, byte by byte in little-endian order: the second spelling of an Ed25519 signature (RFC 8032 §5.1.7).
        ("malleable", "malleable() { local h l=" + DeliveryCraft.hex(Ed25519GroupOrder.littleEndian)
            + " o='' c=0 i s; h=$(printf '%s' \"$1\" | base64 -d | od -An -v -tx1 | tr -d ' \\n'); o=${h:0:64}; "
            + "for ((i = 0; i < 32; i++)); do s=$(( 16#${h:64+2*i:2} + 16#${l:2*i:2} + c )); o+=$(printf %02x $(( s & 255 ))); c=$(( s >> 8 )); done; "
            + "printf '%s' \"$o\" | hexbin | base64 -w0; }"),
    ]
}
