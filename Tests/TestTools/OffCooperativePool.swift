import Foundation

/// Runs blocking `work` (waiting for a child process, a long computation) on a Dispatch thread and
/// suspends until it ends.
///
/// The cooperative pool has one thread per core (two on CI): a test that blocks one, or a `static
/// let` whose first reader blocks while every other reader waits on it, stalls every server the
/// other tests run in this process. CI once lost its servers' answers for over 10 s that way.
public func offCooperativePool<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

/// `offCooperativePool` for work that throws.
public func offCooperativePool<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
