import HookSpecCore

/// A self-signed X.509 v3 certificate (RFC 5280) for an RSA key, DER-encoded by hand: what an
/// attacker puts in a token's `x5c` to offer a key of their own (SPEC §9.4, RFC 8725 §3.10).
enum AttackerCertificate {
    /// DER of a certificate for `key`'s public half, issued to and by `commonName`, valid from
    /// `notBefore` to `notAfter` (Unix seconds, 1950 to 2049), signed sha256WithRSAEncryption by `key`.
    static func der(key: RS256SigningKey, commonName: String, notBefore: Int64, notAfter: Int64) throws(CaseBuildError) -> [UInt8] {
        let sha256WithRSA = sequence(objectIdentifier([0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B]) + [0x05, 0x00])
        let name = sequence(set(sequence(objectIdentifier([0x55, 0x04, 0x03]) + element(0x0C, Array(commonName.utf8)))))
        let tbs = sequence(
            element(0xA0, element(0x02, [0x02]))  // version v3
                + element(0x02, [0x01, 0x23, 0x45, 0x67])  // serial number
                + sha256WithRSA + name
                + sequence(utcTime(notBefore) + utcTime(notAfter))
                + name
                + key.publicKey.derRepresentation)
        let signature: [UInt8]
        do { signature = try key.signature(for: tbs) } catch { throw .signingFailed(error.description) }
        let der = sequence(tbs + sha256WithRSA + element(0x03, [0x00] + signature))
        SigningLog.current?.recordCertificate(der, modulus: key.publicKey.modulus)
        return der
    }

    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + length(content.count) + content
    }

    static func sequence(_ content: [UInt8]) -> [UInt8] { element(0x30, content) }

    static func set(_ content: [UInt8]) -> [UInt8] { element(0x31, content) }

    static func objectIdentifier(_ encoded: [UInt8]) -> [UInt8] { element(0x06, encoded) }

    /// DER definite length: short form below 128, else the minimal big-endian bytes.
    static func length(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "a length is never negative")
        guard count >= 0x80 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    /// `YYMMDDHHMMSSZ` (RFC 5280 §4.1.2.5.1) from the RFC 3339 text of the same instant.
    static func utcTime(_ seconds: Int64) -> [UInt8] {
        let text = RFC3339.format(unixSeconds: seconds)  // YYYY-MM-DDTHH:MM:SSZ
        let digits = text.filter(\.isNumber)
        return element(0x17, Array((digits.dropFirst(2) + "Z").utf8))
    }
}
