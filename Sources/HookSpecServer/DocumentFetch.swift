/// One request a `DocumentHost` received, with the label that was set when it arrived.
public struct DocumentFetch: Sendable, Hashable {
    /// 1 for the first request ever received, then consecutive (also past the log's bound).
    public let sequence: Int
    /// The request method as sent.
    public let method: String
    /// The request path, query excluded.
    public let path: String
    /// The host's label at the time (e.g. the probe case running), if any.
    public let label: String?
    /// The status answered.
    public let status: Int

    public init(sequence: Int, method: String, path: String, label: String?, status: Int) {
        self.sequence = sequence
        self.method = method
        self.path = path
        self.label = label
        self.status = status
    }
}
