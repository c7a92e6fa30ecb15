/// `--observe-url`: a GET whose 200 answer lists the ids the receiver processed, one per line,
/// fetched after a settle delay (SPEC §10). The probe's own transport makes the request, so it has
/// the same timeouts and answer bound as every probe request.
public struct URLDeliveryObserver: DeliveryObserver {
    /// Sends the GET.
    public let transport: any ProbeTransport
    /// Seconds to wait before asking, so queued work can finish.
    public let settleSeconds: Double

    /// An observer that asks through `transport` (aimed at the observation URL).
    public init(transport: any ProbeTransport, settleSeconds: Double = 1) {
        self.transport = transport
        self.settleSeconds = settleSeconds
    }

    public func timesProcessed(webhookID: String) async -> Int? {
        try? await Task.sleep(for: .milliseconds(Int(settleSeconds * 1_000)))
        guard let body = try? await fetch() else { return nil }
        return ProcessedIDList.count(of: webhookID, in: body)
    }

    /// The answer body of one GET.
    public func fetch() async throws(ObservationHookError) -> [UInt8] {
        switch await transport.send(ProbeRequest(method: "GET", headers: [], body: [])) {
        case .transportFailure(let failure): throw .badAnswer("nothing: \(failure)")
        case .response(let response) where response.status == 200 && !response.bodyTruncated: return response.body
        case .response(let response): throw .badAnswer("\(response.status)\(response.bodyTruncated ? " with a body over the transport's bound" : "")")
        }
    }
}
