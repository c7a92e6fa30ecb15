import HookSpecCore

/// A bash reproduction of a `v1` case that runs as printed and shows no secret (SPEC §9.7): it
/// recomputes every MAC the case made with the run's secret from `$HOOKSPEC_SECRET` with
/// `openssl dgst -sha256 -mac HMAC`, over the same signed bytes with a fresh id and timestamp,
/// rebuilds each header around them exactly (decoys, `<MAC>,v1`, several entries, slices of the
/// MAC), and sends the same bodies with curl.
///
/// It is built from what the case recorded while it signed (`SigningLog`), never from the
/// printed values; when a header cannot be explained that way, `script` returns nil and the
/// caller prints the redacted form instead, so a MAC made with the real secret is never shown.
struct ReproductionScript {
    /// One piece of a shell word: bytes as they are, or a shell expansion.
    enum Part: Equatable {
        case literal(String)
        case expansion(String)
    }

    /// Longest body a script writes inline.
    static let bodyLimit = 64 << 10
    /// Shortest run of a MAC's base64 taken as a slice of it (prefix, truncation, a character inserted).
    static let sliceMinimum = 8
    /// Longest run of a secret-derived MAC form a printed literal may share with it.
    static let leakWindow = 12
    /// How far from the case's clock a number is still read as a timestamp (three days).
    static let timestampReach: Int64 = 3 * 86_400

    let result: CaseResult
    let build: CaseBuildRecord
    let url: String

    /// Forms of a MAC the run's secret made, each with the expression that recomputes it.
    private struct Form {
        let text: String
        let expression: String
    }

    /// The script, or nil when a request cannot be reproduced exactly without showing a secret.
    static func script(_ result: CaseResult, url: String) -> String? {
        guard let build = result.build, !result.exchanges.isEmpty else { return nil }
        return ReproductionScript(result: result, build: build, url: url).render()
    }

    private func render() -> String? {
        let confidential = uniqueConfidentialRecords()
        var forms: [Form] = []
        var slices: [String: (variable: Int, offset: Int)] = [:]
        var windows: Set<String> = []
        for (index, record) in confidential.enumerated() {
            let variable = "${m\(index + 1)}"
            let b64 = Base64Codec.encode(record.mac)
            forms.append(Form(text: DeliveryCraft.hex(record.mac), expression: "$(b64hex \"\(variable)\")"))
            forms.append(Form(text: b64, expression: variable))
            let url = DeliveryCraft.urlAlphabet(b64)
            if url != b64 { forms.append(Form(text: url, expression: "$(b64url \"\(variable)\")")) }
            let padded = DeliveryCraft.nonZeroPaddingBits(b64)
            if padded != b64 { forms.append(Form(text: padded, expression: "$(padbits \"\(variable)\")")) }
            let characters = Array(b64)
            if characters.count >= Self.sliceMinimum {
                for offset in 0...(characters.count - Self.sliceMinimum) {
                    slices[String(characters[offset..<(offset + Self.sliceMinimum)])] = (index + 1, offset)
                }
            }
            for text in [b64, url, DeliveryCraft.hex(record.mac)] {
                let chars = Array(text)
                guard chars.count >= Self.leakWindow else { continue }
                for offset in 0...(chars.count - Self.leakWindow) { windows.insert(String(chars[offset..<(offset + Self.leakWindow)])) }
            }
        }
        func leaks(_ text: String) -> Bool {
            let chars = Array(text)
            guard chars.count >= Self.leakWindow else { return false }
            return (0...(chars.count - Self.leakWindow)).contains { windows.contains(String(chars[$0..<($0 + Self.leakWindow)])) }
        }

        var lines: [String] = []
        var files: [[UInt8]] = []
        func file(_ bytes: [UInt8]) -> String {
            if let index = files.firstIndex(of: bytes) { return "\"$dir/body\(index + 1)\"" }
            files.append(bytes)
            return "\"$dir/body\(files.count)\""
        }
        var usesURLAlphabet = false
        var headerExpansions: [String] = []
        var curls: [String] = []
        var macLines: [String] = []
        for exchange in result.exchanges {
            let request = exchange.prepared.request
            guard !request.rawFraming, request.body.count <= Self.bodyLimit else { return nil }
            if leaks(String(decoding: request.body, as: UTF8.self)) { return nil }
            var words = ["curl -sS -i -X \(request.method) \(Reproduction.shellQuoted(Array(url.utf8)))", "-H 'Expect:'"]
            var hasContentType = false
            for header in request.headers {
                guard let name = String(validating: header.name, as: UTF8.self), let value = String(validating: header.value, as: UTF8.self) else { return nil }
                if name.lowercased() == "content-type" { hasContentType = true }
                var parts = substituteForms([.literal(value)], forms)
                parts = parts.flatMap { part -> [Part] in
                    guard case .literal(let text) = part else { return [part] }
                    return sliceParts(text, slices)
                }
                parts = parts.flatMap { part -> [Part] in
                    guard case .literal(let text) = part else { return [part] }
                    return freshParts(text)
                }
                for part in parts {
                    if case .literal(let text) = part, leaks(text) { return nil }
                    if case .expansion(let text) = part {
                        headerExpansions.append(text)
                        if text.hasPrefix("$(b64url") { usesURLAlphabet = true }
                    }
                }
                // curl drops `Name:` with an empty value; `Name;` sends it empty.
                let word = value.isEmpty ? [Part.literal(name + ";")] : [Part.literal(name + ": ")] + parts
                words.append("-H " + Self.word(word))
            }
            // curl would add its own form Content-Type to a body sent without one.
            if !hasContentType, !request.body.isEmpty { words.append("-H 'Content-Type:'") }
            words.append(request.body.isEmpty ? "--data-binary ''" : "--data-binary @" + file(request.body))
            var line = words.joined(separator: " \\\n  ")
            if case .response(let response) = exchange.answer { line = "# the probe got HTTP \(response.status)\n" + line }
            curls.append(line)
        }
        let used = Set(headerExpansions.flatMap(Self.variables))
        for (index, record) in confidential.enumerated() where used.contains(index + 1) {
            guard let (prefix, body) = split(record.message) else { return nil }
            let key = switch record.key {
            case .trustedSecret: "\"hexkey:$key_hex\""
            case .trustedSecretText: "\"key:$HOOKSPEC_SECRET\""
            case .trustedSecretTextWithoutPrefix: "\"key:${HOOKSPEC_SECRET#whsec_}\""
            case .other: preconditionFailure("only MACs made from the run's secret are recomputed")
            }
            let prefixParts = freshParts(prefix)
            if prefixParts.contains(where: { if case .literal(let text) = $0 { leaks(text) } else { false } }) { return nil }
            macLines.append("m\(index + 1)=$(hmac \(key) \(Self.word(prefixParts)) \(file(body)))")
        }

        lines.append("# \(result.probeCase.id): \(result.probeCase.title)")
        lines.append("# Needs bash, openssl, curl, and HOOKSPEC_SECRET set to the receiver's whsec_ secret; prints no secret.")
        lines.append("set -euo pipefail")
        lines.append("dir=$(mktemp -d); trap 'rm -rf \"$dir\"' EXIT")
        lines.append("key_hex=$(printf '%s' \"${HOOKSPEC_SECRET#whsec_}\" | base64 -d | od -An -v -tx1 | tr -d ' \\n')")
        lines.append("hmac() { { printf '%s' \"$2\"; cat \"$3\"; } | openssl dgst -sha256 -mac HMAC -macopt \"$1\" -binary | base64 -w0; }")
        // Only the helpers this case's headers call.
        let calls = headerExpansions.joined()
        if calls.contains("$(b64hex ") { lines.append("b64hex() { printf '%s' \"$1\" | base64 -d | od -An -v -tx1 | tr -d ' \\n'; }") }
        if calls.contains("$(b64url ") { lines.append("b64url() { printf '%s' \"$1\" | tr '+/' '-_'; }") }
        if calls.contains("$(padbits ") { lines.append("padbits() { local a=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ c=${1:42:1}; local p=${a%%\"$c\"*}; printf '%s' \"${1:0:42}${a:$(( ${#p} | 1 )):1}${1:43}\"; }") }
        for (index, bytes) in files.enumerated() {
            lines.append("printf -- " + Self.printfFormat(bytes) + " > \"$dir/body\(index + 1)\"")
        }
        let fresh = ["run=$(openssl rand -hex 4)   # fresh ids: the probe's run token is replaced", "ts=${HOOKSPEC_NOW:-$(date +%s)}   # HOOKSPEC_NOW: Unix seconds to use instead of the clock"]
        if usesURLAlphabet, !macLines.isEmpty {
            // The probe picked an id whose MAC holds `+` or `/`, so that the URL alphabet differs; so does this.
            lines.append("for attempt in $(seq 1 64); do")
            lines += (fresh + macLines).map { "  " + $0 }
            let test = Set(headerExpansions.filter { $0.hasPrefix("$(b64url") }.flatMap(Self.variables)).sorted()
                .map { "\"$m\($0)\" == *[+/]*" }.joined(separator: " || ")
            lines.append("  if [[ \(test) ]]; then break; fi")
            lines.append("done")
        } else {
            lines += fresh + macLines
        }
        lines += curls
        return lines.joined(separator: "\n")
    }

    /// The secret-derived MACs, each once.
    private func uniqueConfidentialRecords() -> [HMACRecord] {
        var seen: Set<HMACRecord> = []
        return build.hmacs.filter { $0.key.isConfidential && seen.insert($0).inserted }
    }

    /// A signed message as a text prefix (id, timestamp, separators) and the body bytes after it.
    private func split(_ message: [UInt8]) -> (String, [UInt8])? {
        let bodies = result.exchanges.map(\.prepared.request.body).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        for body in bodies where message.count >= body.count && Array(message.suffix(body.count)) == body {
            guard let prefix = String(validating: message.dropLast(body.count), as: UTF8.self) else { return nil }
            return (prefix, body)
        }
        // A body changed after signing: the signed content is `id.timestamp.` and the original body.
        var dots = 0
        for (index, byte) in message.enumerated() where byte == UInt8(ascii: ".") {
            dots += 1
            if dots == 2 {
                guard let prefix = String(validating: message[...index], as: UTF8.self) else { return nil }
                return (prefix, Array(message[(index + 1)...]))
            }
        }
        guard let text = String(validating: message, as: UTF8.self) else { return nil }
        return (text, [])
    }

    private func substituteForms(_ parts: [Part], _ forms: [Form]) -> [Part] {
        var parts = parts
        for form in forms.sorted(by: { $0.text.count > $1.text.count }) where !form.text.isEmpty {
            parts = parts.flatMap { part -> [Part] in
                guard case .literal(let text) = part, text.contains(form.text) else { return [part] }
                var out: [Part] = []
                let pieces = text.split(separator: form.text, omittingEmptySubsequences: false)
                for (index, piece) in pieces.enumerated() {
                    if !piece.isEmpty { out.append(.literal(String(piece))) }
                    if index < pieces.count - 1 { out.append(.expansion(form.expression)) }
                }
                return out
            }
        }
        return parts
    }

    /// Runs of at least `sliceMinimum` characters of a MAC's base64 as `${mN:offset:length}`.
    private func sliceParts(_ text: String, _ slices: [String: (variable: Int, offset: Int)]) -> [Part] {
        guard !slices.isEmpty else { return [.literal(text)] }
        let characters = Array(text)
        var out: [Part] = []
        var literal = ""
        var position = 0
        while position < characters.count {
            if position + Self.sliceMinimum <= characters.count,
                let hit = slices[String(characters[position..<(position + Self.sliceMinimum)])] {
                var length = Self.sliceMinimum
                // Extend while the next character still continues the same MAC at the same offset.
                while position + length < characters.count,
                    let next = slices[String(characters[(position + length + 1 - Self.sliceMinimum)...(position + length)])],
                    next.variable == hit.variable, next.offset == hit.offset + length + 1 - Self.sliceMinimum {
                    length += 1
                }
                if !literal.isEmpty { out.append(.literal(literal)) }
                literal = ""
                out.append(.expansion("${m\(hit.variable):\(hit.offset):\(length)}"))
                position += length
            } else {
                literal.append(characters[position])
                position += 1
            }
        }
        if !literal.isEmpty { out.append(.literal(literal)) }
        return out
    }

    /// The run token as `${run}` and every spelling of the case's clock reading as an expression of `$ts`.
    func freshParts(_ text: String) -> [Part] {
        let pieces = text.split(separator: build.runToken, omittingEmptySubsequences: false)
        var out: [Part] = []
        for (index, piece) in pieces.enumerated() {
            out += timestampParts(String(piece))
            if index < pieces.count - 1 { out.append(.expansion("${run}")) }
        }
        return out.filter { $0 != .literal("") }
    }

    /// The `mN` variables an expansion reads.
    static func variables(_ expansion: String) -> [Int] {
        var out: [Int] = []
        var rest = Substring(expansion)
        while let range = rest.range(of: "${m") {
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) { out.append(number) }
            rest = rest[range.upperBound...]
        }
        return out
    }

    /// Spellings of the clock reading that are not plain digits, each with its expression.
    private var clockSpellings: [(text: String, parts: [Part])] {
        let now = build.now
        let nowText = String(now)
        var spellings: [(String, [Part])] = [
            (RFC3339.format(unixSeconds: now), [.expansion("$(date -u -d \"@$ts\" +%Y-%m-%dT%H:%M:%SZ)")]),
            ("0x" + String(now, radix: 16), [.literal("0x"), .expansion("$(printf %x \"$ts\")")]),
        ]
        if nowText.count > 4 {
            spellings.append((nowText.prefix(4) + "_" + nowText.dropFirst(4), [.expansion("${ts:0:4}"), .literal("_"), .expansion("${ts:4}")]))
        }
        return spellings
    }

    private func timestampParts(_ text: String) -> [Part] {
        for spelling in clockSpellings where text.contains(spelling.text) {
            let pieces = text.split(separator: spelling.text, omittingEmptySubsequences: false)
            var out: [Part] = []
            for (index, piece) in pieces.enumerated() {
                out += timestampParts(String(piece))
                if index < pieces.count - 1 { out += spelling.parts }
            }
            return out
        }
        let now = build.now
        let nowText = String(now)
        var out: [Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isASCII, text[index].isNumber else {
                literal.append(text[index])
                index = text.index(after: index)
                continue
            }
            let end = text[index...].firstIndex { !($0.isASCII && $0.isNumber) } ?? text.endIndex
            let digits = String(text[index..<end])
            index = end
            var parts: [Part]?
            if let value = Int64(digits), digits == String(value) {
                let delta = value - now
                if delta == 0 {
                    parts = [.expansion("${ts}")]
                } else if abs(delta) <= Self.timestampReach {
                    parts = [.expansion("$((ts \(delta < 0 ? "-" : "+") \(abs(delta))))")]
                } else if now.multipliedReportingOverflow(by: 1_000) == (value, false) {
                    parts = [.expansion("$((ts * 1000))")]
                }
            }
            if parts == nil, digits.count > nowText.count, let range = digits.range(of: nowText) {
                parts = [.literal(String(digits[..<range.lowerBound])), .expansion("${ts}"), .literal(String(digits[range.upperBound...]))]
            }
            // A leading part of the reading (what a prefix parser makes of `1765_068000`).
            if parts == nil, digits.count >= 4, digits.count < nowText.count, nowText.hasPrefix(digits) {
                parts = [.expansion("${ts:0:\(digits.count)}")]
            }
            guard let parts else {
                literal += digits
                continue
            }
            if !literal.isEmpty { out.append(.literal(literal)) }
            literal = ""
            out += parts
        }
        if !literal.isEmpty { out.append(.literal(literal)) }
        return out
    }

    /// One shell word: literals as `$'…'`, expansions double-quoted.
    static func word(_ parts: [Part]) -> String {
        var merged: [Part] = []
        for part in parts {
            if case .literal(let text) = part, case .literal(let previous)? = merged.last {
                merged[merged.count - 1] = .literal(previous + text)
            } else {
                merged.append(part)
            }
        }
        let text = merged.map { part -> String in
            switch part {
            case .literal(let text): text.isEmpty ? "" : Reproduction.shellQuoted(Array(text.utf8))
            case .expansion(let expression): "\"" + expression + "\""
            }
        }.joined()
        return text.isEmpty ? "''" : text
    }

    /// A single-quoted printf format that writes `bytes` exactly (`%`, `\` and non-printable bytes escaped).
    static func printfFormat(_ bytes: [UInt8]) -> String {
        var out = "'"
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "%"): out += "%%"
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "'"): out += "\\x27"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += Reproduction.hexEscape(byte)
            }
        }
        return out + "'"
    }
}
