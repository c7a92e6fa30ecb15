import HookSpecCore
import NIOConcurrencyHelpers

/// A delivery after processing: what `hookspec serve` prints and tests count.
public struct ProcessedDelivery: Sendable, Hashable {
    /// `webhook-id`, nil only for a mutant that accepts deliveries without one.
    public let id: String?
    /// The envelope's `type`.
    public let eventType: String
    /// How many times this id has been processed, this time included (1 for a correct receiver).
    public let timesProcessed: Int
}

/// Replay decisions and the processing log of one receiver (SPEC §4: each id processed at most once).
///
/// The replay decision is taken synchronously while the request is answered, so two copies of
/// one delivery racing each other still get exactly one `first`. Processing itself runs later,
/// off the request path; `waitUntilIdle()` lets a test wait for it.
public final class DeliveryLedger: Sendable {
    private struct State {
        var replay: ReplayStore
        var timesProcessed: [String: Int] = [:]
        var anonymousProcessed = 0
        var pending = 0
        var processedInline = 0
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// What to do with an accepted delivery.
    struct Admission: Sendable, Hashable {
        /// The id was seen before.
        let isDuplicate: Bool
        /// How it is processed, if at all.
        let processing: Processing
    }

    /// Where an admitted delivery is processed.
    enum Processing: Sendable, Hashable {
        /// Not at all (a duplicate).
        case none
        /// Off the request path, after the answer.
        case queued
        /// On the request path, before the answer: the queue was full. A late answer is better
        /// than a 5xx or a 429, whose retry would be dropped as a duplicate of the recorded id.
        case inline
    }

    private let state: NIOLockedValueBox<State>
    // Bounds the processed-id table like the replay store bounds its own.
    private let capacity: Int

    init(replayCapacity: Int) {
        self.capacity = max(1, replayCapacity)
        self.state = NIOLockedValueBox(State(replay: ReplayStore(capacity: replayCapacity)))
    }

    /// Records the id and decides how the delivery is processed; `queued` counts as pending.
    func admit(_ delivery: AcceptedDelivery, now: Int64, processDuplicates: Bool, queueCapacity: Int) -> Admission {
        state.withLockedValue { state in
            var duplicate = false
            if let id = delivery.id, case .duplicate = state.replay.record(id: id, now: now) {
                duplicate = true
            }
            guard !duplicate || processDuplicates else { return Admission(isDuplicate: true, processing: .none) }
            guard state.pending < queueCapacity else {
                state.processedInline += 1
                return Admission(isDuplicate: duplicate, processing: .inline)
            }
            state.pending += 1
            return Admission(isDuplicate: duplicate, processing: .queued)
        }
    }

    /// Marks one admitted delivery processed; returns its record.
    func markProcessed(_ delivery: AcceptedDelivery, processing: Processing) -> ProcessedDelivery {
        let (record, waiters) = state.withLockedValue { state -> (ProcessedDelivery, [CheckedContinuation<Void, Never>]) in
            var times = 1
            if let id = delivery.id {
                if state.timesProcessed[id] == nil, state.timesProcessed.count >= capacity {
                    state.timesProcessed.removeAll(keepingCapacity: true)
                }
                times = (state.timesProcessed[id] ?? 0) + 1
                state.timesProcessed[id] = times
            } else {
                state.anonymousProcessed += 1
            }
            var waiters: [CheckedContinuation<Void, Never>] = []
            if processing == .queued {
                state.pending -= 1
                if state.pending == 0 { swap(&waiters, &state.idleWaiters) }
            }
            return (ProcessedDelivery(id: delivery.id, eventType: delivery.eventType, timesProcessed: times), waiters)
        }
        for waiter in waiters { waiter.resume() }
        return record
    }

    /// Times `id` has been processed.
    public func timesProcessed(_ id: String) -> Int {
        state.withLockedValue { $0.timesProcessed[id] ?? 0 }
    }

    /// Processings in total, duplicates processed again included.
    public var totalProcessed: Int {
        state.withLockedValue { $0.timesProcessed.values.reduce($0.anonymousProcessed, +) }
    }

    /// Deliveries processed on the request path because the queue was full.
    public var processedInline: Int {
        state.withLockedValue { $0.processedInline }
    }

    /// Accepted deliveries not yet processed.
    public var pending: Int {
        state.withLockedValue { $0.pending }
    }

    /// Returns once every delivery accepted so far has been processed.
    public func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLockedValue { state in
                if state.pending == 0 { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// Wakes every waiter, for shutdown.
    func releaseWaiters() {
        let waiters = state.withLockedValue { state in
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
