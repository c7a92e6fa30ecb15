/// HTTP header fields in arrival order, names compared case-insensitively (RFC 9110 §5.1).
///
/// Kept as a list rather than a dictionary so duplicates and original casing survive for
/// the probe and for vectors that test them.
public struct HeaderFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// Fields as received.
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.fields = elements.map { (name: $0.0, value: $0.1) }
    }

    /// Appends a field, keeping any existing ones of the same name.
    public mutating func append(name: String, value: String) {
        fields.append((name, value))
    }

    /// Every value of the fields named `name`, in order.
    public func values(for name: String) -> [String] {
        fields.compactMap { Self.namesMatch($0.name, name) ? $0.value : nil }
    }

    /// The single value of `name`: nil when absent, a rejection when repeated.
    public func singleValue(for name: String) -> Result<String?, Rejection> {
        var found: String?
        for field in fields where Self.namesMatch(field.name, name) {
            if found != nil { return .failure(.headerDuplicate(name)) }
            found = field.value
        }
        return .success(found)
    }

    /// The single, non-empty values of three names, read in one pass over the fields; the
    /// rejection is the one checking `first`, then `second`, then `third` alone would give.
    func requiredValues(_ first: String, _ second: String, _ third: String) -> Result<(String, String, String), Rejection> {
        // Locals, not arrays: this runs once per delivery and must not allocate.
        var values: (String?, String?, String?) = (nil, nil, nil)
        var repeated = (false, false, false)
        for field in fields {
            if Self.namesMatch(field.name, first) {
                if values.0 != nil { repeated.0 = true } else { values.0 = field.value }
            } else if Self.namesMatch(field.name, second) {
                if values.1 != nil { repeated.1 = true } else { values.1 = field.value }
            } else if Self.namesMatch(field.name, third) {
                if values.2 != nil { repeated.2 = true } else { values.2 = field.value }
            }
        }
        func required(_ value: String?, repeated: Bool, _ name: String) -> Result<String, Rejection> {
            if repeated { return .failure(.headerDuplicate(name)) }
            guard let value else { return .failure(.headerMissing(name)) }
            return value.isEmpty ? .failure(.headerEmpty(name)) : .success(value)
        }
        let a: String, b: String, c: String
        switch required(values.0, repeated: repeated.0, first) {
        case .failure(let r): return .failure(r)
        case .success(let v): a = v
        }
        switch required(values.1, repeated: repeated.1, second) {
        case .failure(let r): return .failure(r)
        case .success(let v): b = v
        }
        switch required(values.2, repeated: repeated.2, third) {
        case .failure(let r): return .failure(r)
        case .success(let v): c = v
        }
        return .success((a, b, c))
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HeaderFields, rhs: HeaderFields) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    // ASCII-only folding: header names are tokens (RFC 9110 §5.1), and a non-ASCII name
    // must not match a webhook header through Unicode case rules.
    static func namesMatch(_ lhs: String, _ rhs: String) -> Bool {
        let a = lhs.utf8, b = rhs.utf8
        guard a.count == b.count else { return false }
        // Native strings are contiguous UTF-8: compare raw bytes (this runs three times per delivery).
        let contiguous = a.withContiguousStorageIfAvailable { x in
            b.withContiguousStorageIfAvailable { y in
                for index in 0..<x.count where x[index] != y[index] {
                    let lx = (x[index] >= 65 && x[index] <= 90) ? x[index] + 32 : x[index]
                    let ly = (y[index] >= 65 && y[index] <= 90) ? y[index] + 32 : y[index]
                    if lx != ly { return false }
                }
                return true
            }
        }
        if let answer = contiguous ?? nil { return answer }
        var i = a.startIndex, j = b.startIndex
        while i != a.endIndex {
            let x = a[i], y = b[j]
            if x != y {
                let lx = (x >= 65 && x <= 90) ? x + 32 : x
                let ly = (y >= 65 && y <= 90) ? y + 32 : y
                if lx != ly { return false }
            }
            a.formIndex(after: &i)
            b.formIndex(after: &j)
        }
        return true
    }
}

/// The Standard Webhooks header names (SPEC §3.1).
public enum WebhookHeader {
    public static let id = "webhook-id"
    public static let timestamp = "webhook-timestamp"
    public static let signature = "webhook-signature"
}
