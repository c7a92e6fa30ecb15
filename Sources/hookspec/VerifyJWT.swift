import ArgumentParser
import Foundation
import HookSpecCore

/// `hookspec verify --scheme jwt` options (SPEC §3.3).
struct VerifyJWTOptions: ParsableArguments {
    @Option(help: "jwt: the audience the token's aud must contain (required with --scheme jwt).")
    var audience: String?

    @Option(help: "jwt: the issuer the token's iss must equal (checked only when given).")
    var issuer: String?

    @Flag(help: "jwt: reject tokens without request_body_sha256 (default: check it when present).")
    var requireBodyHash = false
}

/// The jwt branch of `hookspec verify`: header block + raw body + JWKS file → verdict.
enum VerifyJWT {
    static func run(_ command: VerifyCommand) throws {
        guard let audience = command.jwtOptions.audience, !audience.isEmpty else {
            throw UsageFailure("--scheme jwt needs --audience")
        }
        guard let jwksPath = command.jwks else { throw UsageFailure("--scheme jwt needs --jwks FILE") }
        let keys: JSONWebKeySet
        do {
            keys = try JSONWebKeySet(parsing: try CommandInput.readFile(jwksPath, what: "JWKS"))
        } catch let failure as UsageFailure {
            throw failure
        } catch {
            throw UsageFailure("JWKS file \(jwksPath): \(error)")
        }
        for skipped in keys.skipped {
            FileOutput.standardError("hookspec: JWKS key \(skipped.keyID.map(String.init(describing:)) ?? "(no kid)") skipped: \(skipped.reason)\n")
        }
        var policy = TokenPolicy(audience: audience, issuer: command.jwtOptions.issuer)
        if command.jwtOptions.requireBodyHash { policy.bodyBinding = .required }

        let fields = try CommandInput.headerFields(command.headers)
        let body = try CommandInput.readFile(command.body, what: "body")
        let verifier = RS256TokenVerifier(keys: keys, policy: policy)
        switch verifier.verify(headers: fields, body: body, now: command.now ?? CommandInput.now()) {
        case .success(let token):
            let binding = token.bodyHashChecked ? "request_body_sha256 matched" : "no request_body_sha256 (body not bound)"
            print("valid: RS256 token, kid \(token.keyID); \(binding)")
        case .failure(let rejection):
            print("rejected: \(rejection.code.rawValue)")
            print("  \(rejection)")
            throw ExitCode(1)
        }
    }
}
