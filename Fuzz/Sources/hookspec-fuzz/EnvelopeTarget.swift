import HookSpecCore

/// The envelope validator over the bundled catalog: outcome and problems agree, the verdict
/// depends on the JSON value only (not its spelling), and the one-line description stays one line.
enum EnvelopeTarget {
    static let validator: EnvelopeValidator = {
        do {
            return EnvelopeValidator(catalog: try EventCatalog.bundled(), parser: StrictJSONParser(maximumSize: 64 * 1024))
        } catch {
            FuzzCheck.fail("bundled catalog does not load: \(error)")
        }
    }()

    static let target = FuzzTarget(name: "envelope") { input in
        let body = Array(input)
        let result = validator.validate(body: body)
        check(result)
        guard let value = try? validator.parser.parse(body) else {
            FuzzCheck.require(result.code == .notJSON, "unparsable body got \(result.code)")
            return
        }
        FuzzCheck.require(validator.validate(value) == result, "validating bytes and the parsed value differ")
        FuzzCheck.require(validator.validate(body: value.compactEncoded()) == result, "the verdict depends on JSON spelling")
    }

    static func check(_ result: EnvelopeResult) {
        switch result.outcome {
        case .valid, .alias, .unknownType:
            FuzzCheck.require(result.problems.isEmpty, "\(result.code) with problems")
        case .invalid:
            FuzzCheck.require(!result.problems.isEmpty, "envelope_invalid without a problem")
        case .notJSON, .notObject:
            FuzzCheck.require(result.problems.isEmpty && result.type == nil, "\(result.code) with details")
        }
        FuzzCheck.require(result.isAccepted == (result.code == .valid || result.code == .alias), "isAccepted disagrees with the code")
        FuzzCheck.require(Set(result.problems.map(\.summary)).count == result.problems.count, "a problem reported twice")
        let text = result.description
        FuzzCheck.require(text.hasPrefix(result.code.rawValue), "description does not start with the code")
        FuzzCheck.require(!text.utf8.contains(0x0A) && !text.utf8.contains(0x0D), "description spans lines: \(text.debugDescription)")
    }
}
