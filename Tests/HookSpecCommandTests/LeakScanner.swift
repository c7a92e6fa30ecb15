import Foundation
import HookSpecCore
import TestTools

/// What must never be printed or written: a key file's private material in every spelling a
/// careless formatter could produce, plus signatures the test knows were never sent in the clear.
struct LeakScanner {
    private(set) var forbidden: [(label: String, text: String)] = []

    /// Every private spelling in a `hookspec-keys/1` file: the whsec_ secret (text, base64 body,
    /// key bytes in hex and base64url), each whsk_ key (same), each RSA key (PEM body lines, JWK
    /// private members).
    init(keyFile url: URL) throws {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        if let secret = object["secret"] as? String { addKey(secret, prefix: "whsec_", label: "secret") }
        for (index, key) in ((object["ed25519"] as? [[String: Any]]) ?? []).enumerated() {
            if let signing = key["signingKey"] as? String { addKey(signing, prefix: "whsk_", label: "ed25519[\(index)]") }
        }
        for (index, key) in ((object["rsa"] as? [[String: Any]]) ?? []).enumerated() {
            let publicModulus = (key["jwk"] as? [String: Any])?["n"] as? String ?? ""
            if let pem = key["privateKey"] as? String {
                // Each base64 line of the PEM body, but those that only spell the public modulus
                // (which the JWKS prints, base64url) or the common PKCS#8 prefix.
                for line in pem.split(separator: "\n").map(String.init) where line.count >= 40 && !line.hasPrefix("-----") {
                    let urlSpelling = line.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    if publicModulus.contains(urlSpelling) || line.hasPrefix("MIIEv") { continue }
                    add("rsa[\(index)] PEM line", line)
                }
            }
            if let jwk = key["jwk"] as? [String: Any] {
                for member in ["d", "p", "q", "dp", "dq", "qi"] { if let value = jwk[member] as? String { add("rsa[\(index)] jwk.\(member)", value) } }
            }
        }
    }

    /// Also forbid another secret text (one an emulator created, say).
    mutating func addKey(_ text: String, prefix: String, label: String) {
        add(label, text)
        let body = String(text.dropFirst(prefix.count))
        add("\(label) base64 body", body)
        if let bytes = Data(base64Encoded: body) {
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            add("\(label) hex", hex)
            add("\(label) HEX", hex.uppercased())
            add("\(label) base64url", bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))
        }
    }

    /// Forbid one exact string (a signature never sent in the clear).
    mutating func add(_ label: String, _ text: String) {
        precondition(text.count >= 16, "too short to be a meaningful leak check: \(label)")
        forbidden.append((label, text))
    }

    /// The labels (never the material) of what `text` contains.
    func leaks(in text: String) -> [String] {
        let haystack = ByteHaystack(text)
        return forbidden.filter { haystack.contains($0.text) }.map(\.label)
    }

    /// Leaks in every regular file under `directory`, as "file: label".
    func leaks(under directory: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return ["cannot read \(directory.path)"] }
        var found: [String] = []
        for case let file as URL in walker {
            guard let data = try? Data(contentsOf: file) else { continue }
            found += leaks(in: String(decoding: data, as: UTF8.self)).map { "\(file.lastPathComponent): \($0)" }
        }
        return found
    }
}
