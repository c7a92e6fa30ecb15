import Foundation
import HookSpecCore

/// A failure the user can fix; printed without a stack and mapped to exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Reads the files and environment a command is given, with bounds.
enum CommandInput {
    /// Largest file any command reads, so a wrong path (a device, a huge log) fails fast.
    static let maximumFileBytes = 16 << 20

    /// Reads `path` (`-` is standard input) up to the size bound.
    static func readFile(_ path: String, what: String) throws(UsageFailure) -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw UsageFailure("cannot open \(what) file \(path)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        let data: Data?
        do {
            data = try handle.read(upToCount: maximumFileBytes + 1)
        } catch {
            throw UsageFailure("cannot read \(what) file \(path): \(error.localizedDescription)")
        }
        let bytes = [UInt8](data ?? Data())
        guard bytes.count <= maximumFileBytes else {
            throw UsageFailure("\(what) file \(path) is larger than \(maximumFileBytes) bytes")
        }
        return bytes
    }

    /// The key file at `path` (hookspec keys new), parsed; an error names the file and the problem, never key material.
    static func keyFile(_ path: String) throws(UsageFailure) -> KeyFile {
        let bytes = try readFile(path, what: "key")
        do { return try KeyFile(parsing: bytes) } catch { throw UsageFailure("key file \(path): \(error)") }
    }

    /// The secrets from `--secret` flags, else from `HOOKSPEC_SECRET` (space-separated for rotation).
    static func secrets(flags: [String], options: WebhookSecret.ParsingOptions) throws(UsageFailure) -> [WebhookSecret] {
        var texts = flags
        if texts.isEmpty, let environment = ProcessInfo.processInfo.environment["HOOKSPEC_SECRET"] {
            texts = environment.split(separator: " ").map(String.init)
        }
        var secrets: [WebhookSecret] = []
        for (index, text) in texts.enumerated() {
            do {
                secrets.append(try WebhookSecret(parsing: text, options: options))
            } catch {
                // The rejection names the problem, never the secret's text.
                throw UsageFailure("secret \(index + 1): \(error)")
            }
        }
        return secrets
    }

    /// The header block file at `path` (CRLF or LF, as `curl -D` or an editor wrote it).
    static func headerFields(_ path: String) throws(UsageFailure) -> HeaderFields {
        switch HeaderBlock.parse(try readFile(path, what: "headers")) {
        case .success(let fields): return fields
        case .failure(let failure): throw UsageFailure("headers file \(path): \(failure)")
        }
    }

    /// The current Unix time: the command line is the edge where the clock is read.
    static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970.rounded(.down))
    }
}
