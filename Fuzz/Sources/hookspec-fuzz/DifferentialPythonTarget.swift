import HookSpecCore

/// The core's `python_reference` policy against the real `standardwebhooks` 1.1.0 library on
/// mutated secrets, headers and bodies, with both clocks pinned to the same `now`.
///
/// Input: five newline-separated fields, secret (empty: the published test secret), id,
/// timestamp, signature header and body. Each byte 0x01 in the signature header becomes the
/// correct base64 HMAC for the delivery, so mutations explore around a valid signature.
enum DifferentialPythonTarget {
    static let now: Int64 = 1_614_265_330
    static let publishedSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let oracle = PythonOracle()

    /// Differences that are documented, not bugs (vectors/README.md, Fuzz/README.md).
    enum KnownDifference: String, CaseIterable {
        /// CPython's float() also strips Unicode whitespace (NBSP, NEL, ...) and reads Unicode
        /// decimal digits; the core reads ASCII only (TimestampPythonDivergenceTests).
        case nonASCIITimestamp = "non-ASCII timestamp"
        /// The core reads at most 64 bytes of timestamp; float() reads any length.
        case timestampBound = "timestamp over 64 bytes"
        /// The core reads at most 64 signature entries; the library reads them all.
        case entryBound = "more than 64 signature entries"
        /// The library decodes the body as UTF-8 and raises; the signature covers bytes.
        case bodyNotUTF8 = "body not UTF-8"
    }

    nonisolated(unsafe) static var knownCounts: [KnownDifference: Int] = [:]

    static let target = FuzzTarget(name: "diff-python") { input in
        let fields = FuzzInput.fields(input, count: 5)
        let text = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
        let secretText = fields[0].isEmpty ? publishedSecret : text(fields[0])
        let id = text(fields[1]), timestamp = text(fields[2]), body = fields[4]

        let coreSecret = try? WebhookSecret(parsing: secretText, options: .pythonReference)
        let signedTimestamp = (try? TimestampPolicy.pythonReference.parse(timestamp).get())?.signedText ?? timestamp
        let validSignature = coreSecret.map {
            Base64Codec.encode(Array(StandardWebhookSigner.mac(secret: $0, id: id, timestamp: signedTimestamp, body: body)))
        } ?? ""
        let signature = text(Array(fields[3].split(separator: 0x01, omittingEmptySubsequences: false)
            .map(Array.init).joined(separator: Array(validSignature.utf8))))

        let python = oracle.verdict(now: now, secret: secretText, id: id, timestamp: timestamp, signature: signature, body: body)
        let coreKey = coreSecret?.withUnsafeKeyBytes { Array($0) }
        switch python {
        case .secretRefused(let reason):
            FuzzCheck.require(coreSecret == nil, "python refuses the secret (\(reason)), the core reads \(coreKey?.count ?? 0) bytes")
            return
        case .accepted(let key), .refused(let key, _):
            FuzzCheck.require(coreKey == key, "secret: python reads \(key.count) bytes, the core \(coreKey.map { "\($0.count) different bytes" } ?? "refuses it")")
        }
        guard let coreSecret else { return }
        let verifier = StandardWebhookVerifier(secrets: [coreSecret], policy: .pythonReference)
        let core = verifier.verify(headers: FuzzInput.delivery(id: id, timestamp: timestamp, signature: signature), body: body, now: now)
        let coreAccepts = if case .success = core { true } else { false }
        let pythonAccepts = if case .accepted = python { true } else { false }
        if coreAccepts == pythonAccepts { return }
        if let known = knownDifference(timestamp: timestamp, signature: signature, body: body) {
            let count = (knownCounts[known] ?? 0) + 1
            knownCounts[known] = count
            if count.nonzeroBitCount == 1 { print("diff-python: known difference \"\(known.rawValue)\" seen \(count) times") }
            return
        }
        FuzzCheck.fail("""
            python \(pythonAccepts ? "accepts" : "refuses (\(python))"), core \(core)
              id \(id.debugDescription) timestamp \(timestamp.debugDescription)
              signature \(signature.debugDescription) body \(body.count) bytes
            """)
    }

    static func knownDifference(timestamp: String, signature: String, body: [UInt8]) -> KnownDifference? {
        if String(validating: body, as: UTF8.self) == nil { return .bodyNotUTF8 }
        if timestamp.utf8.contains(where: { $0 >= 0x80 }) { return .nonASCIITimestamp }
        if timestamp.utf8.count > 64 { return .timestampBound }
        if signature.utf8.count(where: { $0 == UInt8(ascii: " ") }) >= SignatureList.maximumEntries { return .entryBound }
        return nil
    }
}
