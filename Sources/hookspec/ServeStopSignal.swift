import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM.
enum StopSignal {
    /// Returns the name of the first stop signal received.
    static func wait() async -> String {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let queue = DispatchQueue(label: "hookspec.serve.signals")
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            // Dispatch needs the default action off, or the process dies before the handler runs.
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            sources.append(source)
        }
        var iterator = stream.makeAsyncIterator()
        let received = await iterator.next() ?? "end of signals"
        // Used after the wait, so the sources live exactly as long as they are needed.
        for source in sources { source.cancel() }
        return received
    }
}
