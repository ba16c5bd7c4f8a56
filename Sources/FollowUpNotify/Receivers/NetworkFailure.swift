import AsyncHTTPClient
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// What went wrong with a request, in words an operator reads in the outbox's
/// `last_error` and the journal: "connection refused", "timed out". NIO's own
/// descriptions name the failed call ("connection reset (error set):
/// Connection refused) (errno: 111)", with an unbalanced bracket) rather
/// than what happened.
enum NetworkFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as IOError:
            return describe(errno: error.errnoCode)
        case let error as NIOConnectionError:
            // Every address tried failed: the first failure stands for them (one address is the rule).
            if let first = error.connectionErrors.first { return describe(first.error) }
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "cannot resolve \(error.host): \(dns)" }
            return "cannot connect to \(error.host):\(error.port)"
        case let error as RelayExchangeError:
            switch error {
            case .timedOut: return "timed out"
            case .closedBeforeAnswer, .closedMidAnswer: return "the relay closed the connection"
            case .malformedAnswer: return "the relay's answer is not HTTP/1.x"
            }
        case ChannelError.connectTimeout:
            return "connect timed out"
        case let error as HTTPClientError:
            switch error {
            case .connectTimeout: return "connect timed out"
            case .readTimeout, .deadlineExceeded: return "timed out"
            case .remoteConnectionClosed: return "the relay closed the connection"
            default: return "\(error)"
            }
        default:
            return "\(error)"
        }
    }

    /// The common network errnos by name; strerror's text for the rest.
    static func describe(errno code: CInt) -> String {
        switch code {
        case ECONNREFUSED: "connection refused"
        case ECONNRESET: "connection reset"
        case ETIMEDOUT: "timed out"
        case EHOSTUNREACH: "host unreachable"
        case ENETUNREACH: "network unreachable"
        case EPIPE: "connection closed"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
