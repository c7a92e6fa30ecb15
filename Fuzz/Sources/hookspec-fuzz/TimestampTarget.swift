import HookSpecCore

/// `webhook-timestamp` under strict and `python-reference`: canonical text round trip, the
/// signed text, the 64-byte reading bound, and freshness at any `now` without overflow.
enum TimestampTarget {
    static let target = FuzzTarget(name: "timestamp") { input in
        // First 8 bytes (when present) are the receiver's clock; the rest is the header text.
        var now: Int64 = 1_614_265_330
        var textBytes = input[...]
        if input.count > 8 {
            now = input.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
            textBytes = input.dropFirst(8)
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: textBytes), as: UTF8.self)
        let strict = TimestampPolicy.strict.parse(text)
        let python = TimestampPolicy.pythonReference.parse(text)

        switch strict {
        case .failure(let rejection):
            FuzzCheck.coded(rejection, "strict timestamp")
        case .success(let parsed):
            FuzzCheck.require(String(parsed.seconds) == text, "strict accepted non-canonical text \(text.debugDescription)")
            FuzzCheck.require(parsed.signedText == text, "strict signs other text than the header")
            FuzzCheck.require(text.utf8.count <= 10, "strict accepted more than ten digits")
            FuzzCheck.require(python == strict, "python-reference reads a canonical timestamp differently")
        }
        switch python {
        case .failure(let rejection):
            FuzzCheck.coded(rejection, "python timestamp")
            FuzzCheck.require(strict.isFailure, "python-reference rejects what strict accepts")
        case .success(let parsed):
            FuzzCheck.require(text.utf8.count <= 64, "python-reference read past its 64-byte bound")
            FuzzCheck.require(parsed.signedText == String(parsed.seconds), "python-reference signs other than whole seconds")
            // The normalized text is canonical for non-negative values up to ten digits: it must
            // read back to the same seconds under strict.
            if parsed.seconds >= 0, parsed.signedText.utf8.count <= 10 {
                let again = TimestampPolicy.strict.parse(parsed.signedText)
                FuzzCheck.require(again.map(\.seconds) == .success(parsed.seconds), "normalized text does not read back")
            }
            checkFreshness(parsed.seconds, now: now)
        }
    }

    static func checkFreshness(_ seconds: Int64, now: Int64) {
        let policy = TimestampPolicy.strict
        switch policy.checkFreshness(seconds, now: now) {
        case nil:
            let distance = now.subtractingReportingOverflow(seconds)
            FuzzCheck.require(!distance.overflow && abs(distance.partialValue) <= policy.toleranceSeconds,
                              "fresh outside the tolerance")
        case .some(let rejection):
            FuzzCheck.coded(rejection, "freshness")
            switch rejection {
            case .timestampStale(let age): FuzzCheck.require(age > policy.toleranceSeconds && seconds < now, "stale but not old")
            case .timestampFuture(let ahead): FuzzCheck.require(ahead > policy.toleranceSeconds && seconds > now, "future but not ahead")
            default: FuzzCheck.fail("freshness gave \(rejection.code)")
            }
        }
    }
}

extension Result {
    var isFailure: Bool { if case .failure = self { true } else { false } }
}
