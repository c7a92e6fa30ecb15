import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps the errors NIO and NIOSSL raise onto the transport's typed failures.
enum TransportErrorMapping {
    static func failure(for error: any Error, connectTimeoutSeconds: Double?) -> TransportFailure {
        switch error {
        case let error as IOError:
            return failure(errno: error.errnoCode, text: String(describing: error))
        case let error as NIOConnectionError:
            // Every address tried failed; refused wins over other reasons, as it is the usual one.
            let errnos = error.connectionErrors.compactMap { ($0.error as? IOError)?.errnoCode }
            if errnos.contains(ECONNREFUSED) { return .connectionRefused }
            if let first = error.connectionErrors.first {
                return failure(for: first.error, connectTimeoutSeconds: connectTimeoutSeconds)
            }
            if error.dnsAError != nil || error.dnsAAAAError != nil {
                return .nameResolution("no address found for \(error.host)")
            }
            return .other("cannot connect to \(error.host):\(error.port)")
        case let error as ChannelError:
            switch error {
            case .connectTimeout:
                return .timedOut(afterSeconds: connectTimeoutSeconds ?? 0)
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return .malformedResponse("connection closed before a complete answer")
            default:
                return .other("channel error: \(error)")
            }
        case is SocketAddressError:
            return .nameResolution(String(describing: error))
        case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
            return .tlsFailure(String(describing: error))
        case is HTTPParserError, is NIOHTTPDecoderError:
            return .malformedResponse(String(describing: error))
        default:
            return .other(String(describing: error))
        }
    }

    private static func failure(errno: CInt, text: String) -> TransportFailure {
        switch errno {
        case ECONNREFUSED: .connectionRefused
        case ECONNRESET, EPIPE, ECONNABORTED: .connectionReset
        case ETIMEDOUT: .timedOut(afterSeconds: 0)
        default: .other(text)
        }
    }
}
