import Foundation
import HookSpecReport

/// Every JOSE suite (issue 3 item 6): hookspec's own files under `vectors/jose/` and the
/// Wycheproof files, registered in `VectorCatalog.sources` as `.jose`.
public enum JOSEVectorSuites {
    /// hookspec's own files, relative to the `vectors/` directory.
    public static let ownFiles = ["jose/rfc-rs256.json", "jose/rfc8037-ed25519.json", "jose/hostile-tokens.json"]

    /// The Wycheproof files, in run order.
    public static let wycheproofFiles = WycheproofRSASignatureRunner.fileNames + [WycheproofJWSRunner.signatureFile, WycheproofJWSRunner.keyFile]

    /// Runs hookspec's own JOSE files.
    public static func runOwn(vectorsDirectory: String) -> [VectorSuiteOutcome] {
        ownFiles.map { relative in
            let path = (vectorsDirectory as NSString).appendingPathComponent(relative)
            do throws(VectorFileError) {
                return .ran(JOSEVectorRunner.run(try JOSEVectorFile(path: path), suiteName: relative))
            } catch {
                return .failed(suite: relative, error: error)
            }
        }
    }

    /// Runs the Wycheproof files (each skipped, saying why, when no directory was given).
    public static func runWycheproof(_ context: VectorRunContext) -> [VectorSuiteOutcome] {
        wycheproofFiles.flatMap { file in
            VectorSuiteSource.wycheproof(file, in: context) { path throws(VectorFileError) in
                file.hasPrefix("rsa_signature")
                    ? try WycheproofRSASignatureRunner.runFile(path: path) : try WycheproofJWSRunner.runFile(path: path)
            }
        }
    }
}

extension VectorSuiteSource {
    /// RS256 / JWKS vectors: RFC 7515 A.2, RFC 7520 §4.1, RFC 8037, hostile tokens, and
    /// Wycheproof RSA PKCS#1 v1.5 SHA-256, JWS and JWK files.
    public static let jose = VectorSuiteSource(name: "jose") { context in
        JOSEVectorSuites.runOwn(vectorsDirectory: context.vectorsDirectory) + JOSEVectorSuites.runWycheproof(context)
    }
}
