import HookSpecCore

/// A bash reproduction of a case that runs as printed and shows no secret (SPEC §9.7): it
/// recomputes every MAC and signature the case made with the run's keys, over the same signed
/// bytes with a fresh id and timestamp (`v1` MACs from `$HOOKSPEC_SECRET` with
/// `openssl dgst -sha256 -mac HMAC`; `v1a` and `jwt` signatures from the key file with
/// `hookspec sign --signing-input`; tokens rebuilt from the header and claims JSON the case
/// crafted), rebuilds each header around them exactly (decoys, `<MAC>,v1`, several entries,
/// slices and other spellings of a value, tokens in other encodings), and sends the same bodies
/// with curl.
///
/// It is built from what the case recorded while it signed (`SigningLog`), never from the
/// printed values; when a request cannot be rebuilt that way, `script` says why and the caller
/// prints the redacted form instead, so a value made with a real key is never shown.
struct ReproductionScript {
    /// One piece of a shell word: bytes as they are, or a shell expansion.
    enum Part: Equatable {
        case literal(String)
        case expansion(String)
    }

    /// Why a case has no runnable script, in words for its reproduction text.
    struct Unavailable: Error, Equatable {
        let reason: String
    }

    /// Longest body a script writes inline.
    static let bodyLimit = 64 << 10
    /// Shortest run of a value's base64 taken as a slice of it (prefix, truncation, a character inserted).
    static let sliceMinimum = 8
    /// Longest run of a confidential value a printed literal may share with it.
    static let leakWindow = 12
    /// How far from the case's clock a number is still read as a timestamp (three days).
    static let timestampReach: Int64 = 3 * 86_400

    let result: CaseResult
    let build: CaseBuildRecord
    let url: String
    let scheme: ProbeScheme
    let keyFile: String?

    /// The script, or why a request cannot be reproduced exactly without showing a secret.
    static func script(_ result: CaseResult, url: String, scheme: ProbeScheme, keyFile: String?) -> Result<String, Unavailable> {
        guard let build = result.build, !result.exchanges.isEmpty else { return .failure(Unavailable(reason: "nothing was sent")) }
        do {
            return .success(try ReproductionScript(result: result, build: build, url: url, scheme: scheme, keyFile: keyFile).render())
        } catch {
            return .failure(error)
        }
    }

    /// What a script's parts draw on: every text of a recomputed value with its expression, runs of
    /// their base64 for slices, and runs of confidential values no literal may share.
    private struct Substitutions {
        var forms: [(form: ReproductionRecipe.Form, recipe: ReproductionRecipe)] = []
        var slices: [String: (variable: Int, offset: Int)] = [:]
        var windows: Set<String> = []

        init(_ recipes: [ReproductionRecipe]) {
            for recipe in recipes where recipe.isRecomputed {
                forms += recipe.forms.map { ($0, recipe) }
                let characters = Array(recipe.sliceSource ?? "")
                if characters.count >= ReproductionScript.sliceMinimum {
                    for offset in 0...(characters.count - ReproductionScript.sliceMinimum) {
                        slices[String(characters[offset..<(offset + ReproductionScript.sliceMinimum)])] = (recipe.index, offset)
                    }
                }
            }
            for text in recipes.flatMap(\.confidentialTexts) {
                let characters = Array(text)
                guard characters.count >= ReproductionScript.leakWindow else { continue }
                for offset in 0...(characters.count - ReproductionScript.leakWindow) {
                    windows.insert(String(characters[offset..<(offset + ReproductionScript.leakWindow)]))
                }
            }
        }

        func leaks(_ text: String) -> Bool {
            let characters = Array(text)
            guard characters.count >= ReproductionScript.leakWindow else { return false }
            return (0...(characters.count - ReproductionScript.leakWindow)).contains {
                windows.contains(String(characters[$0..<($0 + ReproductionScript.leakWindow)]))
            }
        }

        /// `parts`, unless a literal among them shares a run with a confidential value.
        func checked(_ parts: [Part]) throws(Unavailable) -> [Part] {
            for case .literal(let text) in parts where leaks(text) {
                throw Unavailable(reason: "a value made with the run's keys could not be rebuilt from them, and it is not printed")
            }
            return parts
        }
    }

    /// What the parts of a script being written have gathered.
    private struct Gathered {
        /// Bodies and signed bodies written to files, in order.
        var files: [[UInt8]] = []
        /// Every expansion the requests use.
        var expansions: [String] = []
        /// Untrusted keys' public values the tokens carry.
        var untrusted: [UntrustedPublicForm] = []

        /// The file holding `bytes`, written once.
        mutating func file(_ bytes: [UInt8]) -> String {
            if let index = files.firstIndex(of: bytes) { return "\"$dir/body\(index + 1)\"" }
            files.append(bytes)
            return "\"$dir/body\(files.count)\""
        }

        func uses(_ variable: String) -> Bool { expansions.contains { $0.contains(variable) } }

        /// Whether the requests use the value of `recipe` (whole, sliced or respelled).
        func usesValue(_ recipe: ReproductionRecipe) -> Bool {
            ["{m\(recipe.index)}", "{m\(recipe.index):", "{m\(recipe.index)%"].contains(where: uses)
        }
    }

    private static let probeHostReason = "which serves only while the probe runs; the finding is whether the receiver fetches it, which only the probe observes"

    private func render() throws(Unavailable) -> String {
        if result.exchanges.contains(where: { $0.prepared.jwksChange != nil }) {
            throw Unavailable(reason: "it changes the JWKS the probe serves between its requests, which only a probe run can do")
        }
        let recipes = uniqueRecords().enumerated().map { ReproductionRecipe(index: $0.offset + 1, record: $0.element, scheme: scheme) }
        let substitutions = Substitutions(recipes)
        var gathered = Gathered()
        var curls: [String] = []
        for exchange in result.exchanges { curls.append(try curl(exchange, substitutions, &gathered)) }
        var computeLines: [String] = []
        for recipe in recipes where recipe.isRecomputed { computeLines += try self.computeLines(recipe, substitutions, &gathered) }
        let script = computeLines.joined(separator: "\n") + gathered.expansions.joined()

        var lines = preamble(script: script, gathered: gathered)
        let fresh = ["run=$(openssl rand -hex 4)   # fresh ids: the probe's run token is replaced", "ts=${HOOKSPEC_NOW:-$(date +%s)}"]
        let urlAlphabet = Set(gathered.expansions.filter { $0.hasPrefix("$(b64url") }.flatMap(Self.variables)).sorted()
        if !urlAlphabet.isEmpty, !computeLines.isEmpty {
            // The probe picked an id whose value holds `+` or `/`, so that the URL alphabet differs; so does this.
            lines.append("for attempt in $(seq 1 64); do")
            lines += (fresh + computeLines).map { "  " + $0 }
            lines.append("  if [[ \(urlAlphabet.map { "\"$m\($0)\" == *[+/]*" }.joined(separator: " || ")) ]]; then break; fi")
            lines.append("done")
        } else {
            lines += fresh + computeLines
        }
        return (lines + curls).joined(separator: "\n")
    }

    /// The curl command of one request, its headers rebuilt from the values' expressions.
    private func curl(_ exchange: ProbeExchange, _ substitutions: Substitutions, _ gathered: inout Gathered) throws(Unavailable) -> String {
        let request = exchange.prepared.request
        if request.rawFraming { throw Unavailable(reason: "it writes its request byte by byte, with framing curl does not produce") }
        if request.body.count > Self.bodyLimit { throw Unavailable(reason: "its \(request.body.count)-byte body is too large to write into a script") }
        if substitutions.leaks(String(decoding: request.body, as: UTF8.self)) { throw Unavailable(reason: "its body carries a value made with the run's keys") }
        let hostPrefix = build.attackerJWKSURL.flatMap(Self.origin)
        // `-w '\n'`: an answer body without a final newline would hide the next status line.
        var words = ["curl -sS -i -w '\\n' --max-time 120 -X \(request.method) \"$url\"", "-H 'Expect:'"]
        var hasContentType = false
        for header in request.headers {
            guard let name = String(validating: header.name, as: UTF8.self), let value = String(validating: header.value, as: UTF8.self) else {
                throw Unavailable(reason: "a header is not UTF-8 text")
            }
            if let hostPrefix, value.contains(hostPrefix) { throw Unavailable(reason: "it names the probe's own JWKS host (\(hostPrefix)), " + Self.probeHostReason) }
            if name.lowercased() == "content-type" { hasContentType = true }
            var parts = substituteForms([.literal(value)], substitutions.forms.map(\.form))
            // A token's header and claims are rebuilt as JSON; its signature, or any other value, needs the key.
            for case .expansion(let text) in parts {
                if let recipe = substitutions.forms.first(where: { $0.form.expression == text })?.recipe, text.contains("{m\(recipe.index)"),
                    let why = recipe.unavailability(keyFile: keyFile) {
                    throw Unavailable(reason: why)
                }
            }
            parts = parts.flatMap { part -> [Part] in
                guard case .literal(let text) = part else { return [part] }
                return sliceParts(text, substitutions.slices)
            }
            parts = try substitutions.checked(parts.flatMap { part -> [Part] in
                guard case .literal(let text) = part else { return [part] }
                return freshParts(text)
            })
            for case .expansion(let text) in parts { gathered.expansions.append(text) }
            // curl drops `Name:` with an empty value; `Name;` sends it empty.
            let word = value.isEmpty ? [Part.literal(name + ";")] : [Part.literal(name + ": ")] + parts
            words.append("-H " + Self.word(word))
        }
        // curl would add its own form Content-Type to a body sent without one.
        if !hasContentType, !request.body.isEmpty { words.append("-H 'Content-Type:'") }
        words.append(request.body.isEmpty ? "--data-binary ''" : "--data-binary @" + gathered.file(request.body))
        let line = words.joined(separator: " \\\n  ")
        guard case .response(let response) = exchange.answer else { return line }
        return "# the probe got HTTP \(response.status)\n" + line
    }

    /// The lines that compute what the requests use of `recipe`: a token's segments and signature,
    /// or a value over a text prefix and a body (or the SHA-512 of them).
    private func computeLines(_ recipe: ReproductionRecipe, _ substitutions: Substitutions, _ gathered: inout Gathered) throws(Unavailable) -> [String] {
        let usesValue = gathered.usesValue(recipe)
        guard let token = recipe.token else {
            guard usesValue else { return [] }
            if let why = recipe.unavailability(keyFile: keyFile) { throw Unavailable(reason: why) }
            var message = recipe.record.message
            var digest = ""
            if let pre = build.digests.first(where: { $0.output == message }) {
                message = pre.input
                digest = " | openssl dgst -sha512 -binary"
            }
            guard let (prefix, body) = split(message) else { throw Unavailable(reason: "a signed message is not text and a body") }
            let prefixParts = try substitutions.checked(freshParts(prefix))
            return ["m\(recipe.index)=$({ printf '%s' \(Self.word(prefixParts)); cat \(gathered.file(body)); }\(digest) | \(recipe.signer))"]
        }
        let usesHeader = usesValue || gathered.uses(recipe.headerVariable), usesPayload = usesValue || gathered.uses(recipe.payloadVariable)
        guard usesHeader || usesPayload else { return [] }
        if usesValue, let why = recipe.unavailability(keyFile: keyFile) { throw Unavailable(reason: why) }
        let headerText = String(decoding: token.header, as: UTF8.self)
        if let hostPrefix = build.attackerJWKSURL.flatMap(Self.origin), headerText.contains(hostPrefix) {
            throw Unavailable(reason: "its token names the probe's own JWKS host (\(hostPrefix)), " + Self.probeHostReason)
        }
        let header = try substitutions.checked(jsonParts(headerText, untrusted: &gathered.untrusted))
        let payload = try substitutions.checked(jsonParts(String(decoding: token.payload, as: UTF8.self), untrusted: &gathered.untrusted))
        var lines: [String] = []
        if usesHeader { lines.append("h\(recipe.index)=$(printf '%s' \(Self.word(header)) | b64u)") }
        let input: String
        if token.payloadSegment != nil {
            if usesPayload { lines.append("p\(recipe.index)=$(printf '%s' \(Self.word(payload)) | b64u)") }
            input = "printf '%s.%s' \"\(recipe.headerVariable)\" \"\(recipe.payloadVariable)\""
        } else {
            input = "printf '%s.%s' \"\(recipe.headerVariable)\" \(Self.word(payload))"
        }
        if usesValue { lines.append("m\(recipe.index)=$(\(input) | \(recipe.signer) | tob64u)") }
        return lines
    }

    /// The script's first lines: what it needs, the target, the helpers it calls, its bodies and the untrusted keys it makes.
    private func preamble(script: String, gathered: Gathered) -> [String] {
        var lines: [String] = []
        let needsSecret = scheme == .v1
        let needsKeyFile = script.contains("sign_key ")
        lines.append("# \(result.probeCase.id): \(result.probeCase.title)")
        var needs = "# Needs bash, curl, openssl"
        if needsKeyFile { needs += ", hookspec (on PATH, or HOOKSPEC_BIN naming it)" }
        if needsSecret { needs += ", and HOOKSPEC_SECRET set to the receiver's whsec_ secret" }
        if needsKeyFile { needs += ", and HOOKSPEC_KEY_FILE set to the key file the probe ran with (default: the one it named)" }
        lines.append(needs + "; prints no secret.")
        if scheme.usesJWKS {
            lines.append("# The receiver must still trust the key file's public keys: the probe's JWKS host has stopped (hookspec keys jwks FILE prints them).")
        }
        lines.append("# HOOKSPEC_URL sends to another URL; HOOKSPEC_NOW (Unix seconds) replaces the clock.")
        lines.append("set -euo pipefail")
        lines.append("dir=$(mktemp -d); trap 'rm -rf \"$dir\"' EXIT")
        lines.append("url=${HOOKSPEC_URL:-\(Reproduction.shellQuoted(Array(url.utf8)))}")
        if needsKeyFile, let keyFile { lines.append(": \"${HOOKSPEC_KEY_FILE:=\(Reproduction.shellQuoted(Array(keyFile.utf8)))}\"") }
        if needsSecret { lines.append("key_hex=$(printf '%s' \"${HOOKSPEC_SECRET#whsec_}\" | base64 -d | od -An -v -tx1 | tr -d ' \\n')") }
        // Only the helpers this script calls (and those they call).
        let modulus = gathered.untrusted.contains { if case .rsaModulus = $0 { true } else { false } }
        var called = Set(ReproductionRecipe.helpers.map(\.name).filter { name in script.contains(name + " ") || script.contains("| " + name) })
        if needsSecret { called.insert("hmac") }
        if modulus { called.insert("b64u") }
        if called.contains("malleable") || called.contains("flipbit") || modulus { called.insert("hexbin") }
        for helper in ReproductionRecipe.helpers where called.contains(helper.name) { lines.append(helper.definition) }
        for (index, bytes) in gathered.files.enumerated() {
            lines.append("printf -- " + Self.printfFormat(bytes) + " > \"$dir/body\(index + 1)\"")
        }
        // Keys the receiver never trusts: any fresh one gets the same answer.
        if script.contains("untrusted-ed25519.pem") { lines.append("openssl genpkey -algorithm ed25519 -out \"$dir/untrusted-ed25519.pem\" 2>/dev/null") }
        if script.contains("untrusted-rsa.pem") || !gathered.untrusted.isEmpty {
            lines.append("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out \"$dir/untrusted-rsa.pem\" 2>/dev/null")
        }
        for form in Set(gathered.untrusted).sorted(by: { $0.text < $1.text }) {
            switch form {
            case .rsaModulus:
                lines.append("untrusted_n=$(openssl rsa -in \"$dir/untrusted-rsa.pem\" -noout -modulus | cut -d= -f2 | hexbin | b64u)")
            case .certificate:
                lines.append("untrusted_cert=$(openssl req -x509 -new -key \"$dir/untrusted-rsa.pem\" -subj '/CN=hookspec attacker' -days 2 -outform DER 2>/dev/null | base64 -w0)")
            }
        }
        return lines
    }

    /// The recorded values, each once.
    private func uniqueRecords() -> [SigningRecord] {
        var seen: Set<SigningRecord> = []
        return build.signings.filter { seen.insert($0).inserted }
    }

    /// `scheme://host:port` of a URL.
    private static func origin(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        return String(url[..<scheme.upperBound]) + String(rest.prefix { $0 != "/" })
    }

    /// A token's header or claims JSON as shell parts: an untrusted key's public values from the
    /// key the script makes, the run token and times (outside strings) fresh.
    private func jsonParts(_ json: String, untrusted: inout [UntrustedPublicForm]) -> [Part] {
        var parts: [Part] = [.literal(json)]
        for form in build.untrustedForms where json.contains(form.text) {
            untrusted.append(form)
            let expression = if case .rsaModulus = form { "${untrusted_n}" } else { "${untrusted_cert}" }
            parts = substituteForms(parts, [ReproductionRecipe.Form(text: form.text, expression: expression)])
        }
        return parts.flatMap { part -> [Part] in
            guard case .literal(let text) = part else { return [part] }
            // Numbers outside strings are times; digits inside strings (a body hash) stay as they are.
            var out: [Part] = []
            var inString = false
            var escaped = false
            var segment = ""
            func flush() {
                guard !segment.isEmpty else { return }
                out += inString ? runParts(segment) : freshParts(segment)
                segment = ""
            }
            for character in text {
                if inString {
                    segment.append(character)
                    if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { flush(); inString = false }
                } else if character == "\"" {
                    flush()
                    inString = true
                    segment.append(character)
                } else {
                    segment.append(character)
                }
            }
            flush()
            return out
        }
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

    private func substituteForms(_ parts: [Part], _ forms: [ReproductionRecipe.Form]) -> [Part] {
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
        runParts(text, between: timestampParts)
    }

    /// The run token as `${run}`, the text between it through `between`.
    private func runParts(_ text: String, between: (String) -> [Part] = { [.literal($0)] }) -> [Part] {
        let pieces = text.split(separator: build.runToken, omittingEmptySubsequences: false)
        var out: [Part] = []
        for (index, piece) in pieces.enumerated() {
            out += between(String(piece))
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
