import ArgumentParser
import Foundation
import HookSpecCore

/// `hookspec sign --scheme jwt` options (SPEC §3.3).
struct SignJWTOptions: ParsableArguments {
    @Option(help: "jwt: PEM file of the RSA private key (>= 2048 bits); HOOKSPEC_RSA_KEY_FILE if not given.")
    var rsaKey: String?

    @Option(help: "jwt: the kid the key has in the receiver's JWKS (default: hookspec); with --key-file, the kid of the v1a or jwt key to use (default: the file's first).")
    var kid: String?

    @Option(help: "jwt: the aud claim (the receiver's audience).")
    var audience: String?

    @Option(help: "jwt: the iss claim (omitted when not given).")
    var issuer: String?

    @Option(parsing: .unconditional, help: "jwt: seconds from iat to exp.")
    var lifetime: Int64 = 300

    @Flag(help: "jwt: leave out request_body_sha256 (the token then does not cover the body).")
    var noBodyHash = false

    @Option(help: "jwt: also write the public JWKS of the key to this file, for the receiver to trust.")
    var jwksOut: String?
}

/// The jwt branch of `hookspec sign`: a token over the raw body in `webhook-signature`.
enum SignJWT {
    /// `key`: one from a key file, with its kid; nil reads `--rsa-key`.
    static func headers(_ options: SignJWTOptions, key given: (keyID: String, key: RS256SigningKey)?, id: String, timestamp: Int64, body: [UInt8]) throws -> HeaderFields {
        guard let audience = options.audience, !audience.isEmpty else { throw UsageFailure("--scheme jwt needs --audience") }
        let key: RS256SigningKey
        let keyID: String
        if let given {
            (keyID, key) = given
        } else {
            guard let path = options.rsaKey ?? ProcessInfo.processInfo.environment["HOOKSPEC_RSA_KEY_FILE"] else {
                throw UsageFailure("--scheme jwt needs --rsa-key FILE, HOOKSPEC_RSA_KEY_FILE or --key-file")
            }
            let pem = String(decoding: try CommandInput.readFile(path, what: "RSA key"), as: UTF8.self)
            do {
                key = try RS256SigningKey(pemRepresentation: pem)
            } catch {
                // The message names the problem, never the key text.
                throw UsageFailure("RSA key file \(path): \(error)")
            }
            keyID = options.kid ?? "hookspec"
        }
        guard options.lifetime > 0, options.lifetime <= 86_400 else { throw UsageFailure("--lifetime must be 1 to 86400 seconds") }
        let signer = RS256TokenSigner(key: key, keyID: keyID)
        if let jwksOut = options.jwksOut {
            let document = JSONWebKeySet.document(rsaKeys: [(keyID, key.publicKey)])
            guard FileManager.default.createFile(atPath: jwksOut, contents: Data(document)) else {
                throw UsageFailure("cannot write JWKS file \(jwksOut)")
            }
        }
        let token: String
        do {
            token = try signer.deliveryToken(
                body: body, audience: audience, issuer: options.issuer, now: timestamp,
                lifetimeSeconds: options.lifetime, bindBody: !options.noBodyHash)
        } catch {
            throw UsageFailure("\(error)")
        }
        // webhook-id and webhook-timestamp travel as with the other schemes; only the token authenticates.
        return HeaderFields([
            (WebhookHeader.id, id), (WebhookHeader.timestamp, String(timestamp)), (WebhookHeader.signature, token),
        ])
    }
}
