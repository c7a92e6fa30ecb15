import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import NIOConcurrencyHelpers

/// `DocumentFetching` on URLSession (FoundationNetworking on Linux): no new package.
///
/// The size bound is enforced while receiving (a delegate counts bytes and cancels past it,
/// and a larger declared `Content-Length` is refused before the body); the deadline is total,
/// not per read, enforced by a timer that cancels the task. Redirects are not followed, no
/// cache or cookies are used.
public struct URLSessionDocumentFetcher: DocumentFetching {
    public init() {}

    public func fetch(url: String, timeoutSeconds: Double, maximumBytes: Int) async -> Result<[UInt8], DocumentFetchError> {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
            parsed.host != nil
        else { return .failure(.badURL(url)) }
        // FoundationNetworking hands libcurl whole seconds (0.5 becomes 0, an instant timeout), so its
        // own timeouts are only a backstop past ours; the deadline task below is the precise one.
        let backstop = timeoutSeconds.rounded(.up) + 1
        var request = URLRequest(url: parsed, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: backstop)
        request.httpMethod = "GET"
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = backstop
        configuration.timeoutIntervalForResource = backstop
        let collector = BoundedCollector(maximumBytes: maximumBytes, timeoutSeconds: timeoutSeconds)
        let session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        return await withCheckedContinuation { continuation in
            collector.begin(continuation)
            let task = session.dataTask(with: request)
            collector.watch(task)
            task.resume()
            let deadline = Task {
                try? await Task.sleep(nanoseconds: UInt64(max(0, timeoutSeconds) * 1e9))
                guard !Task.isCancelled else { return }
                collector.finish(.failure(.timedOut(seconds: timeoutSeconds)))
            }
            collector.onFinish { deadline.cancel() }
        }
    }
}

/// Collects one task's body up to a bound and resumes the caller exactly once.
private final class BoundedCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct State {
        var body: [UInt8] = []
        var continuation: CheckedContinuation<Result<[UInt8], DocumentFetchError>, Never>?
        var task: URLSessionTask?
        var finished = false
        var cleanup: [@Sendable () -> Void] = []
    }

    private let maximumBytes: Int
    private let timeoutSeconds: Double
    // Delegate callbacks come on URLSession's queue, the deadline on another task: one lock for both.
    private let state = NIOLockedValueBox(State())

    init(maximumBytes: Int, timeoutSeconds: Double) {
        self.maximumBytes = maximumBytes
        self.timeoutSeconds = timeoutSeconds
    }

    func begin(_ continuation: CheckedContinuation<Result<[UInt8], DocumentFetchError>, Never>) {
        state.withLockedValue { $0.continuation = continuation }
    }

    func watch(_ task: URLSessionTask) {
        state.withLockedValue { $0.task = task }
    }

    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let finished = state.withLockedValue { state -> Bool in
            if !state.finished { state.cleanup.append(action) }
            return state.finished
        }
        if finished { action() }
    }

    func finish(_ result: Result<[UInt8], DocumentFetchError>) {
        let (continuation, task, cleanup) = state.withLockedValue { state -> (CheckedContinuation<Result<[UInt8], DocumentFetchError>, Never>?, URLSessionTask?, [@Sendable () -> Void]) in
            guard !state.finished else { return (nil, nil, []) }
            state.finished = true
            defer { state.continuation = nil; state.cleanup = [] }
            return (state.continuation, state.task, state.cleanup)
        }
        guard let continuation else { return }
        task?.cancel()
        for action in cleanup { action() }
        continuation.resume(returning: result)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        if !(200..<300).contains(status) {
            completionHandler(.cancel)
            finish(.failure(.status(status)))
        } else if response.expectedContentLength > Int64(maximumBytes) {
            completionHandler(.cancel)
            finish(.failure(.tooLarge(limit: maximumBytes)))
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let overflow = state.withLockedValue { state -> Bool in
            guard !state.finished else { return false }
            if state.body.count + data.count > maximumBytes { return true }
            state.body.append(contentsOf: data)
            return false
        }
        if overflow { finish(.failure(.tooLarge(limit: maximumBytes))) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        // Not followed: the 3xx itself is delivered and refused as a status.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        if let error {
            let code = (error as NSError).code
            finish(.failure(code == NSURLErrorTimedOut ? .timedOut(seconds: timeoutSeconds) : .transport(error.localizedDescription)))
        } else {
            let body = state.withLockedValue { $0.body }
            finish(.success(body))
        }
    }
}
