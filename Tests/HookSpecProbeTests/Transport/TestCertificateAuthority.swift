import Foundation
import NIOSSL

/// A throwaway CA made with `openssl` in a temporary directory, and leaf certificates it signs for
/// the TLS cases of the hostile-target suite.
struct TestCertificateAuthority {
    /// What is wrong with a leaf, if anything.
    enum Leaf: String, CaseIterable {
        /// For 127.0.0.1, in date.
        case valid
        /// For 127.0.0.1, expired (its validity ends before it begins, a day ago).
        case expired
        /// In date, but only for `wrong.example`.
        case wrongHost = "wrong-host"
    }

    let directory: URL
    var certificatePath: String { path("ca.pem") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Makes the CA and one leaf of each kind; throws when openssl fails.
    static func make() async throws -> TestCertificateAuthority {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let made = TestCertificateAuthority(directory: directory)
        let newKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await SelfSignedCertificate.openssl(["req", "-x509"] + newKey + ["-keyout", made.path("ca.key"), "-out", made.certificatePath, "-days", "2", "-subj", "/CN=hookspec test CA"])
        for (index, leaf) in Leaf.allCases.enumerated() {
            let name = leaf.rawValue
            try await SelfSignedCertificate.openssl(["req", "-new"] + newKey + ["-keyout", made.path("\(name).key"), "-out", made.path("\(name).csr"), "-subj", "/CN=\(name)"])
            let altName = leaf == .wrongHost ? "DNS:wrong.example" : "IP:127.0.0.1"
            try Data("subjectAltName=\(altName)\n".utf8).write(to: URL(fileURLWithPath: made.path("\(name).ext")))
            try await SelfSignedCertificate.openssl([
                "x509", "-req", "-in", made.path("\(name).csr"), "-CA", made.certificatePath, "-CAkey", made.path("ca.key"),
                "-set_serial", "\(index + 2)", "-days", leaf == .expired ? "-1" : "1",
                "-extfile", made.path("\(name).ext"), "-out", made.path("\(name).pem"),
            ])
        }
        return made
    }

    /// A server context presenting `leaf`.
    func serverContext(_ leaf: Leaf) throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(path("\(leaf.rawValue).pem")).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: path("\(leaf.rawValue).key"), format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
