/// The protected-header rules of SPEC §3.3 / RFC 8725 §3.1–3.2, checked before any key is touched.
enum JOSEHeaderRules {
    /// Header members that carry or point to a key (RFC 7515 §4.1.2–4.1.6).
    static let embeddedKeyMembers = ["jwk", "jku", "x5u", "x5c"]

    /// Checks `alg`, key-carrying members, `crit` and `kid`, in that order; returns the `kid`.
    static func check(_ header: JSONObject, allowedAlgorithms: Set<String>, rejectEmbeddedKeys: Bool) throws(Rejection) -> String {
        guard let algorithmValue = header["alg"] else { throw .tokenHeaderInvalid("header has no alg") }
        guard let algorithm = algorithmValue.stringValue else {
            throw .tokenHeaderInvalid("header alg is a JSON \(algorithmValue.typeName), not a string")
        }
        // Any casing of "none" is the unsigned-token attack, whatever a library would make of it.
        if isNone(algorithm) { throw .algorithmNone(CompactJWS.printable(algorithm)) }
        guard allowedAlgorithms.contains(algorithm) else { throw .algorithmDisallowed(CompactJWS.printable(algorithm)) }

        if rejectEmbeddedKeys, let member = embeddedKeyMembers.first(where: { header[$0] != nil }) {
            throw .embeddedKey(member)
        }
        if let crit = header["crit"] {
            guard let names = crit.arrayValue, !names.isEmpty, names.allSatisfy({ $0.stringValue != nil }) else {
                throw .tokenHeaderInvalid("header crit is not a non-empty array of strings (RFC 7515 §4.1.11)")
            }
            // This verifier implements no JWS extension, so every name in crit is unknown to it.
            throw .critUnknown(CompactJWS.printable(names[0].stringValue ?? ""))
        }
        guard let keyIDValue = header["kid"] else { throw .kidMissing }
        guard let keyID = keyIDValue.stringValue else {
            throw .tokenHeaderInvalid("header kid is a JSON \(keyIDValue.typeName), not a string")
        }
        return keyID
    }

    /// Whether `lowercased()` of `algorithm` is `none`, read in place for ASCII text (every
    /// honest `alg`); other text takes `lowercased()` itself.
    static func isNone(_ algorithm: String) -> Bool {
        let ascii: Bool? = algorithm.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // ASCII letters fold by setting bit 5; "none" has no character that bit would confuse.
            return bytes.count == 4 && bytes[0] | 0x20 == UInt8(ascii: "n") && bytes[1] | 0x20 == UInt8(ascii: "o")
                && bytes[2] | 0x20 == UInt8(ascii: "n") && bytes[3] | 0x20 == UInt8(ascii: "e")
        } ?? nil
        return ascii ?? (algorithm.lowercased() == "none")
    }
}
