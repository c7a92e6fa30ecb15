/// The most requests a probe run may send (SPEC §9.8); every send takes one.
public actor RequestBudget {
    /// Requests allowed in total.
    public nonisolated let limit: Int
    /// Requests taken so far.
    public private(set) var used = 0

    /// A budget of `limit` requests (negative means zero).
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Takes one request from the budget; false when it is spent.
    public func take() -> Bool {
        guard used < limit else { return false }
        used += 1
        return true
    }

    /// Requests still allowed.
    public var remaining: Int { limit - used }
}
