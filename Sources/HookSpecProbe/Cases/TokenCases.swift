import HookSpecCore

/// RS256 tokens in `webhook-signature` (SPEC §3.3, §9.4; RFC 8725): rotation and JWKS fetching
/// first (before hostile `kid`s spend a receiver's refetch allowance), then algorithms, `kid`,
/// claims, keys offered inside the token, body binding and encodings.
enum TokenCases {
    private static let algRule = "The algorithm is RS256 from the verifier's own allow-list, never taken from the token (RFC 8725 §3.1)."
    private static let kidRule = "The kid must be present and name a suitable RSA key in the trusted JWKS; no fallback to another key."
    private static let claimsRule = "aud must hold the configured audience; exp is required and in the future; nbf and iat are checked (60 s leeway)."
    private static let embeddedRule = "Keys offered inside a token (jwk, jku, x5u, x5c) are never used and never fetched (RFC 8725 §3.10)."
    private static let bodyRule = "The token binds the body (request_body_sha256); a token over another body is refused."
    private static let compactRule = "webhook-signature holds exactly one compact JWS; other encodings of an authentic token are refused by strict verifiers."

    /// The standard claims of a delivery of `body` at `now`.
    static func claims(_ keys: RSARunKeys, _ body: [UInt8], _ now: Int64) -> JSONObject {
        TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: .string(keys.audience))
    }

    /// A valid delivery whose token is replaced by `make(keys, body, now)`.
    static func token(_ make: @escaping @Sendable (RSARunKeys, [UInt8], Int64) throws -> String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        { context in
            let keys = try context.rsaKeys()
            let draft = try context.valid()
            return try draft.changing { $0.signature = try make(keys, draft.body, context.now) }
        }
    }

    /// Which `kid` a crafted token names.
    enum KeyIDChoice: Sendable {
        case primary, absent
        case named(String)

        func value(_ keys: RSARunKeys) -> String? {
            switch self {
            case .primary: keys.primary.keyID
            case .absent: nil
            case .named(let kid): kid
            }
        }
    }

    /// Which key signs a crafted token.
    enum SignerChoice: Sendable {
        case primary, attacker

        func key(_ keys: RSARunKeys) -> RS256SigningKey {
            switch self {
            case .primary: keys.primary.key
            case .attacker: keys.attacker.key
            }
        }
    }

    /// A token with a standard header (`alg`, `kid`) and standard claims, signed by `signer`.
    static func signed(kid: KeyIDChoice, by signer: SignerChoice, alg: String = "RS256") -> @Sendable (CaseContext) throws -> DeliveryDraft {
        token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: alg, kid: kid.value(keys)), claims(keys, body, now), signing: .rs256(signer.key(keys)))
        }
    }

    /// A token with the primary `kid` and the given claims, signed by the primary key.
    static func withClaims(_ make: @escaping @Sendable (RSARunKeys, [UInt8], Int64) -> JSONObject) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID), make(keys, body, now), signing: .rs256(keys.primary.key))
        }
    }

    /// An unsigned token (`alg` as given, empty signature).
    static func unsigned(alg: String) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: alg, kid: keys.primary.keyID), claims(keys, body, now), signing: .empty)
        }
    }

    /// An HS256 token keyed with bytes derived from the trusted public key (algorithm confusion).
    static func confused(_ secret: @escaping @Sendable (RSARunKeys) -> [UInt8]) -> @Sendable (CaseContext) throws -> DeliveryDraft {
        token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "HS256", kid: keys.primary.keyID), claims(keys, body, now), signing: .hs256(key: secret(keys)))
        }
    }

    /// A delivery signed for `kid` by the key at `key`, prepared.
    static func prepared(_ context: CaseContext, n: Int, kid: String, by key: RS256SigningKey) throws -> PreparedRequest {
        let keys = try context.rsaKeys()
        let draft = try context.valid(id: context.freshID(n))
        let token = try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: kid), claims(keys, draft.body, context.now), signing: .rs256(key))
        return draft.changing { $0.signature = token }.prepared(with: context)
    }

    static let all: [ProbeCase] = rotation + algorithms + keyIDs + claimCases + offeredKeys + binding + encodings

    // MARK: - Rotation and fetching (SPEC §3.3: cache, one refetch per unknown kid per cool-down)

    static let rotation: [ProbeCase] = [
        .sequence(
            .jwt, 1, "A key published during the run: two deliveries signed by its new kid",
            rule: "A receiver refetches its JWKS for an unknown kid and accepts the new key, fetching at most once for it.",
            reference: "SPEC §3.3, §9.5", severity: .high, expect: .deliver, singleProcessing: false,
            observing: ObservationRule { observations, _, grade in
                let fetches = observations.count(.trusted)
                guard grade.verdict == .pass, fetches > 1 else { return grade }
                return Grade(.nonStrict, grade.reason + "; but the JWKS was fetched \(fetches) times for one new kid (SPEC §3.3: at most one refetch per unknown kid)")
            }
        ) { context in
            let keys = try context.rsaKeys()
            return [
                try prepared(context, n: 0, kid: keys.rotation.keyID, by: keys.rotation.key).after(.publish(keyID: keys.rotation.keyID)),
                try prepared(context, n: 1, kid: keys.rotation.keyID, by: keys.rotation.key),
            ]
        },
        .sequence(
            .jwt, 2, "A key withdrawn from the JWKS during the run, then used again",
            rule: "How long a withdrawn key is still accepted (its cache lifetime) is observed, not graded.",
            reference: "SPEC §3.3, §9.4", severity: .info, expect: .observe, singleProcessing: false
        ) { context in
            let keys = try context.rsaKeys()
            return [
                try prepared(context, n: 0, kid: keys.rotation.keyID, by: keys.rotation.key).after(.publish(keyID: keys.rotation.keyID)),
                try prepared(context, n: 1, kid: keys.rotation.keyID, by: keys.rotation.key).after(.withdraw(keyID: keys.rotation.keyID)),
            ]
        },
        .sequence(
            .jwt, 3, "Twelve forged tokens, each naming a different unknown kid",
            rule: "Unknown kids cause a bounded number of JWKS refetches; a receiver that fetches once per forged token lets anyone drive its traffic to the key host.",
            reference: "SPEC §3.3; RFC 8725 §3.10", severity: .medium, expect: .reject, singleProcessing: false, gradesEveryRequest: true,
            observing: ObservationRule { observations, sent, grade in
                let fetches = observations.count(.trusted)
                guard grade.verdict != .fail, sent > 1, fetches >= sent else { return grade }
                return Grade(.fail, "the JWKS was fetched \(fetches) times for \(sent) forged tokens with unknown kids: every forged request makes the receiver fetch its keys (SPEC §3.3: at most one refetch per cool-down)")
            }
        ) { context in
            let keys = try context.rsaKeys()
            return try (0..<12).map { n in try prepared(context, n: n, kid: "hookspec-unknown-\(context.runToken)-\(n)", by: keys.attacker.key) }
        },
        .sequence(
            .jwt, 4, "Three valid deliveries in a row: how often is the JWKS fetched?",
            rule: "A receiver caches the JWKS; fetching it on every delivery is observed (INFO), not graded.",
            reference: "SPEC §3.3", severity: .info, expect: .observe, singleProcessing: false,
            observing: ObservationRule { observations, sent, grade in
                let fetches = observations.count(.trusted)
                let note = fetches >= sent ? "the JWKS was fetched on every delivery (\(fetches) fetches for \(sent))" : "the JWKS was fetched \(fetches) times for \(sent) deliveries"
                return Grade(grade.verdict, grade.reason + "; " + note)
            }
        ) { context in
            let keys = try context.rsaKeys()
            return try (0..<3).map { n in try prepared(context, n: n, kid: keys.primary.keyID, by: keys.primary.key) }
        },
    ]

    // MARK: - Algorithms (RFC 8725 §3.1, §3.2)

    static let algorithms: [ProbeCase] = [
        ProbeCase(.jwt, 5, "alg none, unsigned", rule: algRule, reference: "SPEC §3.3; RFC 8725 §3.1", severity: .critical, expect: .reject, draft: unsigned(alg: "none")),
        ProbeCase(.jwt, 6, "alg None, unsigned", rule: algRule, reference: "SPEC §3.3; RFC 8725 §3.1", severity: .critical, expect: .reject, draft: unsigned(alg: "None")),
        ProbeCase(.jwt, 7, "alg NONE, unsigned", rule: algRule, reference: "SPEC §3.3; RFC 8725 §3.1", severity: .critical, expect: .reject, draft: unsigned(alg: "NONE")),
        ProbeCase(.jwt, 8, "alg nOnE, unsigned", rule: algRule, reference: "SPEC §3.3; RFC 8725 §3.1", severity: .critical, expect: .reject, draft: unsigned(alg: "nOnE")),
        ProbeCase(.jwt, 9, "alg RS256 with a null (empty) signature segment", rule: algRule, reference: "SPEC §3.3; RFC 7515 §5.2", severity: .critical, expect: .reject, draft: unsigned(alg: "RS256")),
        ProbeCase(.jwt, 10, "Signature segment stripped (two segments)", rule: "A compact JWS has exactly three segments.", reference: "SPEC §3.3; RFC 7515 §7.1", severity: .critical, expect: .reject, draft: token { keys, body, now in
            let valid = try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID), claims(keys, body, now), signing: .rs256(keys.primary.key))
            return String(valid[..<(valid.lastIndex(of: ".") ?? valid.endIndex)])
        }),
        ProbeCase(.jwt, 11, "HS256 keyed with the trusted public key's PEM text", rule: algRule, reference: "SPEC §3.3; RFC 8725 §2.1", severity: .critical, expect: .reject, draft: confused { Array($0.primary.key.publicKey.pemRepresentation.utf8) }),
        ProbeCase(.jwt, 12, "HS256 keyed with the trusted public key's DER bytes", rule: algRule, reference: "SPEC §3.3; RFC 8725 §2.1", severity: .critical, expect: .reject, draft: confused { $0.primary.key.publicKey.derRepresentation }),
        ProbeCase(.jwt, 13, "HS256 keyed with the JWK's n text", rule: algRule, reference: "SPEC §3.3; RFC 8725 §2.1", severity: .critical, expect: .reject, draft: confused { Array(Base64Codec.encodeURL($0.primary.key.publicKey.modulus).utf8) }),
        ProbeCase(.jwt, 14, "alg rs256 (lower case), signed by the trusted key", rule: "alg values are case-sensitive (RFC 7515 §4.1.1); an authentic token with a misspelt alg is refused by strict verifiers.", reference: "SPEC §3.3; RFC 7515 §4.1.1", severity: .low, expect: .rejectPreferred, draft: signed(kid: .primary, by: .primary, alg: "rs256")),
    ]

    // MARK: - kid (SPEC §3.3)

    static let keyIDs: [ProbeCase] = [
        ProbeCase(.jwt, 15, "kid missing, signed by the trusted key", rule: kidRule, reference: "SPEC §3.3", severity: .medium, expect: .reject, draft: signed(kid: .absent, by: .primary)),
        ProbeCase(.jwt, 16, "kid empty, signed by the trusted key", rule: kidRule, reference: "SPEC §3.3", severity: .medium, expect: .reject, draft: signed(kid: .named(""), by: .primary)),
        ProbeCase(.jwt, 17, "kid unknown, signed by the attacker's key", rule: kidRule, reference: "SPEC §3.3", severity: .critical, expect: .reject, draft: signed(kid: .named(HostileTokenFactory.attackerKeyID), by: .attacker)),
        ProbeCase(.jwt, 18, "kid a path (../../../dev/null), HS256 with an empty key", rule: kidRule + " A kid is a name, never a file path.", reference: "SPEC §3.3; RFC 8725 §3.10", severity: .critical, expect: .reject, draft: token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "HS256", kid: "../../../dev/null"), claims(keys, body, now), signing: .hs256(key: []))
        }),
        ProbeCase(.jwt, 19, "kid an injection string (' OR '1'='1), signed by the attacker's key", rule: kidRule + " A kid is never interpolated into a query.", reference: "SPEC §3.3; RFC 8725 §3.10", severity: .critical, expect: .reject, draft: signed(kid: .named("x' OR '1'='1"), by: .attacker)),
        ProbeCase(.jwt, 20, "The trusted kid with the attacker's signature", rule: "A token verifies only under the key its kid names.", reference: "SPEC §3.3", severity: .critical, expect: .reject, draft: signed(kid: .primary, by: .attacker)),
        ProbeCase(.jwt, 21, "kid of the 1024-bit key the JWKS lists, signed by it", rule: "RSA keys under 2048 bits are never used, even when the trusted JWKS lists them (RFC 8725 §3.5).", reference: "SPEC §3.3; RFC 8725 §3.5", severity: .high, expect: .reject, draft: token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.weak.keyID), claims(keys, body, now), signing: .rs256(keys.weak.key))
        }),
        ProbeCase(.jwt, 22, "kid of a JWKS key marked use: enc, signed by that key", rule: "Only keys with use absent or sig verify signatures; the key's owner published it for encryption.", reference: "SPEC §3.3; RFC 7517 §4.2", severity: .medium, expect: .rejectPreferred, draft: token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: JWKSDocuments.encryptionKeyID), claims(keys, body, now), signing: .rs256(keys.rotation.key))
        }),
        ProbeCase(.jwt, 23, "kid of a JWKS key marked alg: PS256, signed RS256 by that key", rule: "A key whose JWK names another alg is not used for RS256 (RFC 7517 §4.4).", reference: "SPEC §3.3; RFC 7517 §4.4", severity: .low, expect: .rejectPreferred, draft: token { keys, body, now in
            try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: JWKSDocuments.otherAlgorithmKeyID), claims(keys, body, now), signing: .rs256(keys.rotation.key))
        }),
    ]

    // MARK: - Claims (RFC 7519 §4.1; SPEC §3.3)

    static let claimCases: [ProbeCase] = [
        ProbeCase(.jwt, 24, "exp two minutes past (beyond the 60 s leeway)", rule: claimsRule, reference: "SPEC §3.3; RFC 7519 §4.1.4", severity: .high, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now - 240, exp: now - 120, aud: .string(keys.audience))
        }),
        ProbeCase(.jwt, 25, "exp missing", rule: claimsRule, reference: "SPEC §3.3; RFC 8725 §3.10", severity: .high, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: nil, aud: .string(keys.audience))
        }),
        ProbeCase(.jwt, 26, "nbf ten minutes ahead", rule: claimsRule, reference: "SPEC §3.3; RFC 7519 §4.1.5", severity: .high, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 900, nbf: now + 600, aud: .string(keys.audience))
        }),
        ProbeCase(.jwt, 27, "iat ten minutes ahead", rule: claimsRule, reference: "SPEC §3.3, §4; RFC 7519 §4.1.6", severity: .medium, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now + 600, exp: now + 900, aud: .string(keys.audience))
        }),
        ProbeCase(.jwt, 28, "iat an hour ago, exp still ahead (a captured token replayed)", rule: claimsRule + " iat older than the 300 s tolerance is stale.", reference: "SPEC §3.3, §4", severity: .medium, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now - 3_600, exp: now + 300, aud: .string(keys.audience))
        }),
        ProbeCase(.jwt, 29, "aud another service's", rule: claimsRule + " A token minted for another audience is not for this receiver.", reference: "SPEC §3.3; RFC 7519 §4.1.3", severity: .critical, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: .string("https://attacker.example/hook"))
        }),
        ProbeCase(.jwt, 30, "aud missing", rule: claimsRule, reference: "SPEC §3.3; RFC 7519 §4.1.3", severity: .high, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: nil)
        }),
        ProbeCase(.jwt, 31, "aud an array holding the audience and another", rule: "aud may be an array; it holds the configured audience, so the token is valid (RFC 7519 §4.1.3).", reference: "SPEC §3.3; RFC 7519 §4.1.3", severity: .medium, expect: .deliver, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: .array([.string("https://other.example"), .string(keys.audience)]))
        }),
        ProbeCase(.jwt, 32, "aud an array without the audience", rule: claimsRule, reference: "SPEC §3.3; RFC 7519 §4.1.3", severity: .critical, expect: .reject, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: .array([.string("https://other.example"), .string("https://attacker.example/hook")]))
        }),
        ProbeCase(.jwt, 33, "No request_body_sha256 claim (as Gemini documents tokens)", rule: "Gemini documents no body binding, so a token without the claim is valid; the claim is checked when present.", reference: "SPEC §3.3; \(Reference.guideDynamic)", severity: .medium, expect: .deliver, draft: withClaims { keys, body, now in
            TokenCraft.claims(body: body, keys: keys, iat: now, exp: now + 300, aud: .string(keys.audience), bindBody: false)
        }),
    ]

    // MARK: - Keys offered by the token (RFC 8725 §3.10)

    static let offeredKeys: [ProbeCase] = [
        ProbeCase(.jwt, 34, "Embedded jwk (the attacker's key) under the trusted kid", rule: embeddedRule, reference: "SPEC §3.3; RFC 7515 §4.1.3", severity: .critical, expect: .reject, draft: token { keys, body, now in
            let jwk = JSONWebKey.publicJWK(rsa: keys.attacker.key.publicKey, keyID: keys.primary.keyID)
            return try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID, [("jwk", .object(jwk))]), claims(keys, body, now), signing: .rs256(keys.attacker.key))
        }),
        ProbeCase(.jwt, 35, "jku pointing at the attacker's JWKS", rule: embeddedRule + " Fetching the URL is a finding even when the token is refused.", reference: "SPEC §3.3, §9.5; RFC 7515 §4.1.2", severity: .critical, expect: .reject) { context in
            try offered(context, member: "jku")
        },
        ProbeCase(.jwt, 36, "x5u pointing at the attacker's host", rule: embeddedRule + " Fetching the URL is a finding even when the token is refused.", reference: "SPEC §3.3, §9.5; RFC 7515 §4.1.5", severity: .critical, expect: .reject) { context in
            try offered(context, member: "x5u")
        },
        ProbeCase(.jwt, 37, "x5c with a certificate chain of the attacker's making", rule: embeddedRule, reference: "SPEC §3.3; RFC 7515 §4.1.6", severity: .critical, expect: .reject, draft: token { keys, body, now in
            // Not a parsable certificate: a receiver that trusts x5c fails closed on it, one that
            // uses it at all is already wrong, and the token is signed by the attacker either way.
            let chain = JSONValue.array([.string(Base64Codec.encode(keys.attacker.key.publicKey.derRepresentation))])
            return try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: HostileTokenFactory.attackerKeyID, [("x5c", chain)]), claims(keys, body, now), signing: .rs256(keys.attacker.key))
        }),
        ProbeCase(.jwt, 38, "An unknown crit extension, signed by the trusted key", rule: "A token naming a crit extension the verifier does not understand is refused (RFC 7515 §4.1.11).", reference: "SPEC §3.3; RFC 7515 §4.1.11", severity: .medium, expect: .reject, draft: token { keys, body, now in
            let extra: [(name: String, value: JSONValue)] = [("crit", .array([.string("hookspec-unknown")])), ("hookspec-unknown", .bool(true))]
            return try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID, extra), claims(keys, body, now), signing: .rs256(keys.primary.key))
        }),
        ProbeCase(.jwt, 39, "b64: false (unencoded payload, RFC 7797), signed by the trusted key", rule: "An unencoded-payload token changes what is signed; verifiers that do not implement RFC 7797 refuse it (crit b64).", reference: "SPEC §3.3; RFC 7797 §3", severity: .medium, expect: .reject, draft: token { keys, body, now in
            let header = JOSEJSON.encode(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID, [("b64", .bool(false)), ("crit", .array([.string("b64")]))]))
            let payload = JOSEJSON.encode(claims(keys, body, now))
            let input = Array((Base64Codec.encodeURL(header) + ".").utf8) + payload
            let signature = try TokenCraft.signature(over: input, .rs256(keys.primary.key))
            return Base64Codec.encodeURL(header) + ".." + Base64Codec.encodeURL(signature)
        }),
        ProbeCase(.jwt, 40, "Duplicate header members (alg RS256, then alg none)", rule: "Duplicate member names make a header ambiguous; it is refused (RFC 7515 §5.2, RFC 8725 §3.11).", reference: "SPEC §3.3; RFC 7515 §5.2", severity: .high, expect: .reject, draft: token { keys, body, now in
            let header = Array(#"{"alg":"RS256","typ":"JWT","kid":"\#(keys.primary.keyID)","alg":"none"}"#.utf8)
            return try TokenCraft.token(headerBytes: header, payload: JOSEJSON.encode(claims(keys, body, now)), signing: .rs256(keys.primary.key))
        }),
    ]

    // MARK: - Body binding (SPEC §3.3, §9.4)

    static let binding: [ProbeCase] = [
        ProbeCase(.jwt, 41, "A valid token over another body (the body swapped in transit)", rule: bodyRule, reference: "SPEC §3.3, §9.4", severity: .high, expect: .reject) { context in
            let draft = try context.valid()
            return draft.changing { $0.body = EnvelopeText.standard(type: "batch.failed", context: context) }
        },
        .sequence(
            .jwt, 42, "A delivered token sent again with another body and a new webhook-id",
            rule: bodyRule + " A captured token must not carry a second, different delivery.",
            reference: "SPEC §3.3, §4", severity: .high, expect: .reject, singleProcessing: false
        ) { context in
            let first = try context.valid()
            let second = first.changing {
                $0.id = context.freshID(1)
                $0.body = EnvelopeText.standard(type: "batch.cancelled", context: context)
            }
            return [first.prepared(with: context), second.prepared(with: context)]
        },
    ]

    // MARK: - Encodings of an authentic token (SPEC §3.3: strict compact serialisation)

    static let encodings: [ProbeCase] = [
        ProbeCase(.jwt, 43, "The token in the JWS JSON serialisation", rule: compactRule, reference: "SPEC §3.3; RFC 7515 §7.2", severity: .low, expect: .rejectPreferred) { context in
            let draft = try context.valid()
            let parts = draft.signature.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3 else { throw CaseBuildError.signingFailed("the run's token has \(parts.count) segments") }
            let json = JSONValue.object(JOSEJSON.object([("protected", .string(parts[0])), ("payload", .string(parts[1])), ("signature", .string(parts[2]))]))
            return draft.changing { $0.signature = String(decoding: JOSEJSON.encode(json), as: UTF8.self) }
        },
        ProbeCase(.jwt, 44, "The token with a `Bearer ` prefix in webhook-signature", rule: compactRule, reference: "SPEC §3.3", severity: .low, expect: .rejectPreferred) { context in
            try context.valid().changing { $0.signature = "Bearer " + $0.signature }
        },
        ProbeCase(.jwt, 45, "The token only in Authorization: Bearer (no webhook-signature)", rule: "Gemini puts the token in webhook-signature; whether another header is read instead is graded as non-strict.", reference: "SPEC §3.3; \(Reference.guideDynamic)", severity: .low, expect: .rejectPreferred) { context in
            try context.valid().changing {
                $0.omitSignature = true
                $0.addHeader("Authorization", "Bearer " + $0.signature)
            }
        },
        ProbeCase(.jwt, 46, "The signature segment with base64 padding (==)", rule: "JWS segments are base64url without padding (RFC 7515 §2); strict verifiers refuse padding.", reference: "SPEC §3.3; RFC 7515 §2", severity: .low, expect: .rejectPreferred) { context in
            try context.valid().changing { $0.signature += "==" }
        },
        ProbeCase(.jwt, 47, "A 20 KiB token (an unknown header member padded), signed by the trusted key", rule: "Tokens are size-bounded (16 KiB); an oversized authentic token is refused by strict verifiers (413/431 as good as 400/401/403), never answered 5xx.", reference: "SPEC §3.3", severity: .low, expect: .rejectPreferredOrTooLarge, draft: token { keys, body, now in
            let pad = String(repeating: "A", count: 20 * 1_024)
            return try TokenCraft.token(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID, [("pad", .string(pad))]), claims(keys, body, now), signing: .rs256(keys.primary.key))
        }),
        ProbeCase(.jwt, 48, "The token's claims re-encoded with spaces (the same JSON value), re-signed by the trusted key", rule: "A token's payload is opaque bytes; an authentic token with unusual JSON layout is valid.", reference: "SPEC §3.3; RFC 7519 §7.2", severity: .low, expect: .deliver, draft: token { keys, body, now in
            let payload = Array(#"{ "aud" : "\#(keys.audience)" , "iat" : \#(now) , "exp" : \#(now + 300) , "request_body_sha256" : "\#(RS256TokenSigner.bodyHash(body))"\#(keys.issuer.map { #" , "iss" : "\#($0)""# } ?? "") }"#.utf8)
            return try TokenCraft.token(headerBytes: JOSEJSON.encode(TokenCraft.header(alg: "RS256", kid: keys.primary.keyID)), payload: payload, signing: .rs256(keys.primary.key))
        }),
    ]

    /// A token naming the attacker host in `member` (`jku` or `x5u`), signed by the attacker's key.
    static func offered(_ context: CaseContext, member: String) throws -> DeliveryDraft {
        let keys = try context.rsaKeys()
        guard let url = context.attackerJWKSURL else { throw CaseBuildError.signingFailed("no JWKS host runs, so there is no attacker URL to name") }
        let target = member == "x5u" ? url.replacing("jwks.json", with: "certificate.pem") : url
        let draft = try context.valid()
        let token = try TokenCraft.token(
            TokenCraft.header(alg: "RS256", kid: HostileTokenFactory.attackerKeyID, [(member, .string(target))]), claims(keys, draft.body, context.now),
            signing: .rs256(keys.attacker.key))
        return draft.changing { $0.signature = token }
    }
}
