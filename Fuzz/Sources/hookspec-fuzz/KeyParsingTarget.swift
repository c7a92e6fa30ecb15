import HookSpecCore

/// `whsec_` secrets (strict and python-reference), `whsk_` and `whpk_` keys, and JWKs: what
/// parses re-exports to text that parses to the same key; no message repeats the key text.
enum KeyParsingTarget {
    static let target = FuzzTarget(name: "keys") { input in
        let text = FuzzInput.text(input)
        secrets(text)
        signingKey(text)
        publicKey(text)
        if let object = try? StrictJSONParser(maximumSize: 64 * 1024, maximumDepth: 8).parse(Array(input)).objectValue {
            jwk(object)
        }
    }

    static func secrets(_ text: String) {
        var strictKey: [UInt8]?
        for options in [WebhookSecret.ParsingOptions(), .pythonReference] {
            do throws(Rejection) {
                let secret = try WebhookSecret(parsing: text, options: options)
                let key = secret.withUnsafeKeyBytes { Array($0) }
                FuzzCheck.require(!key.isEmpty && key.count == secret.byteCount, "secret byte count")
                FuzzCheck.require(secret.description.utf8.count <= WebhookSecret.prefix.utf8.count + 4 + 3, "secret description too long")
                let again = try? WebhookSecret(parsing: secret.exportedText(), options: options)
                FuzzCheck.require(again?.withUnsafeKeyBytes { Array($0) } == key, "exported secret does not read back")
                if options.isEmpty {
                    FuzzCheck.require(secret.exportedText() == text, "strict secret is not canonical text")
                    FuzzCheck.require((WebhookSecret.minimumLength...WebhookSecret.maximumLength).contains(key.count), "strict secret length")
                    strictKey = key
                } else if let strictKey {
                    FuzzCheck.require(strictKey == key, "python-reference reads a strict secret differently")
                }
            } catch {
                FuzzCheck.coded(error, "secret")
                FuzzCheck.require(strictKey == nil, "python-reference rejects a strict secret")
                notEchoed(error, text)
            }
        }
    }

    static func signingKey(_ text: String) {
        do throws(Rejection) {
            let key = try Ed25519SigningKey(parsing: text)
            let again = try? Ed25519SigningKey(parsing: key.exportedText())
            FuzzCheck.require(again?.publicKey.rawRepresentation == key.publicKey.rawRepresentation, "whsk_ export does not read back")
            let message = Array(text.utf8.prefix(64))
            FuzzCheck.require(key.publicKey.isValidSignature(key.signature(for: message), over: message), "own signature does not verify")
        } catch {
            FuzzCheck.coded(error, "whsk_")
            notEchoed(error, text)
        }
    }

    static func publicKey(_ text: String) {
        do throws(Rejection) {
            let key = try Ed25519PublicKey(parsing: text)
            FuzzCheck.require(key.rawRepresentation.count == 32, "public key size")
            let again = try? Ed25519PublicKey(parsing: key.exportedText)
            FuzzCheck.require(again?.rawRepresentation == key.rawRepresentation, "whpk_ export does not read back")
        } catch {
            FuzzCheck.coded(error, "whpk_")
        }
    }

    static func jwk(_ object: JSONObject) {
        let key: JSONWebKey
        do throws(Rejection) {
            key = try JSONWebKey(parsing: object)
        } catch {
            FuzzCheck.coded(error, "JWK")
            return
        }
        FuzzCheck.require(key.keyID == object["kid"]?.stringValue, "JWK kid changed")
        do {
            switch key.material {
            case .rsa(let rsa):
                let exported = JSONWebKey.publicJWK(rsa: rsa, keyID: key.keyID ?? "k")
                guard case .rsa(let again) = try JSONWebKey(parsing: exported).material else { FuzzCheck.fail("RSA JWK re-read as OKP") }
                FuzzCheck.require(again.modulus == rsa.modulus && again.exponent == rsa.exponent, "RSA JWK does not read back")
                FuzzCheck.require((RS256PublicKey.minimumBits...RS256PublicKey.maximumBits).contains(rsa.bitCount), "RSA size bound")
            case .ed25519(let okp):
                let exported = try JSONObject(members: [
                    ("kty", .string("OKP")), ("crv", .string("Ed25519")), ("x", .string(Base64Codec.encodeURL(okp.rawRepresentation))),
                ])
                guard case .ed25519(let again) = try JSONWebKey(parsing: exported).material else { FuzzCheck.fail("OKP JWK re-read as RSA") }
                FuzzCheck.require(again.rawRepresentation == okp.rawRepresentation, "OKP JWK does not read back")
            }
        } catch {
            FuzzCheck.fail("re-reading an exported JWK failed: \(error)")
        }
    }

    /// Secret material never comes back in a message (at most `whsec_` and four characters).
    /// Text that the parsers' own wording also holds is not an echo: " whsec_ " is inside
    /// "secret lacks the whsec_ prefix" (Fuzz/regressions/keys/text-inside-fixed-wording).
    static func notEchoed(_ rejection: Rejection, _ text: String) {
        let body = text.hasPrefix("whsec_") || text.hasPrefix("whsk_") ? String(text.drop { $0 != "_" }.dropFirst()) : text
        guard body.utf8.count >= 8, FuzzCheck.containsBytes(rejection.description, body) else { return }
        FuzzCheck.require(fixedWording.contains { FuzzCheck.containsBytes($0, body) }, "a rejection repeats the key text")
    }

    /// What the parsers say about short texts that hold no key: every fixed phrase they use,
    /// and nothing a fuzz input could have put there.
    static let fixedWording: [String] = {
        var messages: [String] = []
        for text in ["", "x", "whsec_", "whsec_!", "whsec_AAAA", "whsk_", "whsk_!", "whsk_AAAA"] {
            for options in [WebhookSecret.ParsingOptions(), .pythonReference] {
                do throws(Rejection) { _ = try WebhookSecret(parsing: text, options: options) } catch { messages.append(error.description) }
            }
            do throws(Rejection) { _ = try Ed25519SigningKey(parsing: text) } catch { messages.append(error.description) }
        }
        return messages
    }()
}
