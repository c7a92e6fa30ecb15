import NIOConcurrencyHelpers

/// The emulator's batches and interactions, in memory (a restart forgets them; webhooks persist).
final class JobRegistry: Sendable {
    /// Jobs kept at most; the oldest is forgotten past it.
    static let capacity = 10_000

    private struct Contents {
        var order: [String] = []
        var jobs: [String: EmulatedJob] = [:]
    }

    private let contents = NIOLockedValueBox(Contents())

    /// Records `job` under its name, forgetting the oldest past the capacity.
    func insert(_ job: EmulatedJob) {
        contents.withLockedValue { contents in
            if contents.jobs[job.name] == nil { contents.order.append(job.name) }
            contents.jobs[job.name] = job
            while contents.order.count > Self.capacity { contents.jobs[contents.order.removeFirst()] = nil }
        }
    }

    func get(_ name: String) throws(EmulatorAPIError) -> EmulatedJob {
        guard let job = contents.withLockedValue({ $0.jobs[name] }) else { throw .notFound("\(name) not found") }
        return job
    }
}
