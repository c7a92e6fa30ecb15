import ArgumentParser
import Foundation
import HookSpecCore
import HookSpecProbe

/// `hookspec sign`: signs a body as a Standard Webhooks sender would.
struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a body and print the webhook headers or a curl line.",
        discussion: """
            Secrets come from --secret or HOOKSPEC_SECRET (space-separated for rotation); v1a signing keys \
            from --signing-key or HOOKSPEC_SIGNING_KEY; or all of them from --key-file (hookspec keys new), \
            where --kid picks the v1a or jwt key (default: the file's first). Secrets and keys are never printed. \
            With --signing-input, only the MAC or signature over that file's exact bytes is printed, in base64: \
            scripts that build the signed content themselves (the probe's reproductions) sign with it.
            """
    )

    enum Scheme: String, ExpressibleByArgument, CaseIterable {
        case v1, v1a, jwt
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case headers, curl
        /// The webhook-signature value alone, for scripts (probe reproductions).
        case signature
    }

    @Option(help: "Signature scheme.")
    var scheme: Scheme = .v1

    @Option(name: .long, help: "A whsec_ secret (repeat for rotation: one v1 entry per secret).")
    var secret: [String] = []

    @Option(name: .long, help: "A whsk_ Ed25519 signing key for v1a (repeatable).")
    var signingKey: [String] = []

    @Option(help: "A key file (hookspec keys new): its secret for v1, its Ed25519 or RSA key named by --kid for v1a and jwt.")
    var keyFile: String?

    @OptionGroup(title: "jwt scheme")
    var jwtOptions: SignJWTOptions

    @Option(help: "The body file to sign, byte for byte (- for standard input).")
    var body: String?

    @Option(help: "Sign these exact bytes (a file, - for standard input) instead of id.timestamp.body and print only the MAC or signature in base64 (v1: HMAC-SHA256 with the first secret; v1a: Ed25519; jwt: RS256 over a JWS signing input).")
    var signingInput: String?

    @Option(help: "The webhook-id (default: a random msg_ id).")
    var id: String?

    @Option(parsing: .unconditional, help: "The webhook-timestamp in Unix seconds (default: now).")
    var timestamp: Int64?

    @Option(help: "Output: an HTTP header block or a curl line.")
    var format: Format = .headers

    @Option(help: "The URL for --format curl.")
    var url: String = "http://127.0.0.1:8080/hook"

    @OptionGroup(title: "Recording an envelope vector")
    var recording: SignRecordingOptions

    func validate() throws {
        guard (body == nil) != (signingInput == nil) else { throw ValidationError("give exactly one of --body and --signing-input") }
        if signingInput != nil, recording.record != nil { throw ValidationError("--record signs a delivery: give --body") }
    }

    func run() throws {
        let file = try keyFile.map { path throws(UsageFailure) in try CommandInput.keyFile(path) }
        if let signingInput { return try printSignature(over: CommandInput.readFile(signingInput, what: "signing input"), file: file) }
        guard let body else { throw UsageFailure("give --body or --signing-input") }
        let bodyBytes = try CommandInput.readFile(body, what: "body")
        let id = self.id ?? MessageID.random()
        let timestamp = self.timestamp ?? CommandInput.now()
        if recording.record != nil { return try recordDelivery(body: bodyBytes, id: id, timestamp: timestamp) }
        let headers: HeaderFields
        switch scheme {
        case .v1:
            headers = StandardWebhookSigner.headers(id: id, timestamp: timestamp, body: bodyBytes, secrets: try v1Secrets(file))
        case .v1a:
            let keys = try file.map { file throws(UsageFailure) in [try Self.ed25519Key(file, kid: jwtOptions.kid)] } ?? signingKeys()
            headers = StandardWebhookSigner.headers(id: id, timestamp: timestamp, body: bodyBytes, signingKeys: keys)
        case .jwt:
            let named = try file.map { file throws(UsageFailure) in try Self.rsaKey(file, kid: jwtOptions.kid) }
            headers = try SignJWT.headers(jwtOptions, key: named, id: id, timestamp: timestamp, body: bodyBytes)
        }
        switch format {
        case .headers:
            for field in headers { print("\(field.name): \(field.value)") }
        case .curl:
            print(CurlLine.render(url: url, headers: headers, bodyPath: body))
        case .signature:
            print(headers.first { $0.name == WebhookHeader.signature }?.value ?? "")
        }
    }

    /// `--signing-input`: the scheme's MAC or signature over `message` exactly, in base64.
    private func printSignature(over message: [UInt8], file: KeyFile?) throws {
        let output: [UInt8]
        switch scheme {
        case .v1:
            output = DeliveryCraft.hmac(secret: try v1Secrets(file)[0], message: message)
        case .v1a:
            let key = try file.map { file throws(UsageFailure) in try Self.ed25519Key(file, kid: jwtOptions.kid) } ?? signingKeys()[0]
            output = key.signature(for: message)
        case .jwt:
            guard let file else { throw UsageFailure("--scheme jwt --signing-input needs --key-file") }
            do { output = try Self.rsaKey(file, kid: jwtOptions.kid).key.signature(for: message) } catch let failure as UsageFailure { throw failure } catch {
                throw UsageFailure("RS256 signing: \(error)")
            }
        }
        print(Base64Codec.encode(output))
    }

    /// The `v1` secrets: from --secret or HOOKSPEC_SECRET, else the key file's; never empty.
    private func v1Secrets(_ file: KeyFile?) throws -> [WebhookSecret] {
        var secrets = try CommandInput.secrets(flags: secret, options: [])
        if secrets.isEmpty, let fileSecret = file?.secret { secrets = [fileSecret] }
        guard !secrets.isEmpty else { throw UsageFailure("v1 needs --secret, HOOKSPEC_SECRET or a --key-file with a secret") }
        return secrets
    }

    /// The file's Ed25519 key with `kid`, or its first.
    static func ed25519Key(_ file: KeyFile, kid: String?) throws(UsageFailure) -> Ed25519SigningKey {
        guard let key = kid.map({ kid in file.ed25519Keys.first { $0.keyID == kid } }) ?? file.ed25519Keys.first else {
            throw UsageFailure(kid.map { "the key file has no Ed25519 key with kid \($0)" } ?? "the key file has no Ed25519 key")
        }
        return key.signingKey
    }

    /// The file's RSA key with `kid`, or its first, with the kid it has.
    static func rsaKey(_ file: KeyFile, kid: String?) throws(UsageFailure) -> (keyID: String, key: RS256SigningKey) {
        guard let key = kid.map({ kid in file.rsaKeys.first { $0.keyID == kid } }) ?? file.rsaKeys.first else {
            throw UsageFailure(kid.map { "the key file has no RSA key with kid \($0)" } ?? "the key file has no RSA key")
        }
        return (key.keyID, key.signingKey)
    }

    func signingKeys() throws(UsageFailure) -> [Ed25519SigningKey] {
        var texts = signingKey
        if texts.isEmpty, let environment = ProcessInfo.processInfo.environment["HOOKSPEC_SIGNING_KEY"] {
            texts = environment.split(separator: " ").map(String.init)
        }
        guard !texts.isEmpty else { throw UsageFailure("v1a needs --signing-key or HOOKSPEC_SIGNING_KEY") }
        var keys: [Ed25519SigningKey] = []
        for (index, text) in texts.enumerated() {
            do {
                keys.append(try Ed25519SigningKey(parsing: text))
            } catch {
                throw UsageFailure("signing key \(index + 1): \(error)")
            }
        }
        return keys
    }
}

/// Random `webhook-id`s in the shape Standard Webhooks senders use (`msg_` + 27 base62 characters).
enum MessageID {
    static func random() -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return "msg_" + String((0..<27).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

/// A curl command line that replays a delivery.
enum CurlLine {
    /// Single-quotes `text` for a POSIX shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func render(url: String, headers: HeaderFields, bodyPath: String) -> String {
        var parts = ["curl", "-sS", "-X", "POST", quote(url)]
        for field in headers {
            parts += ["-H", quote("\(field.name): \(field.value)")]
        }
        parts += ["-H", quote("content-type: application/json"), "--data-binary", quote("@" + bodyPath)]
        return parts.joined(separator: " ")
    }
}
