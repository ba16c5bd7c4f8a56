public import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The tests' one HTTP client for the daemon's API: HTTP/1.1 with
/// `Connection: close` straight on a socket (Unix or loopback TCP), so a test
/// talks to the real daemon the way `curl` would, with nothing in between,
/// and can send malformed bytes too. The blocking calls suit tests that run
/// the daemon as a subprocess; the `async` ones wait on a thread of their own,
/// so a daemon running in the test process keeps its threads to answer.
public struct APIClient: Sendable {
    public enum Base: Sendable {
        case unix(String)
        case tcp(port: Int)
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public let base: Base
    /// Sent as `Authorization: Bearer …` when set.
    public var token: String?

    public init(base: Base, token: String? = nil) {
        self.base = base
        self.token = token
    }

    /// Sends one request and waits for the whole reply. Blocks the calling thread.
    public func request(_ method: String, _ target: String, body: Data? = nil,
                        headers: [String: String] = [:]) throws -> Reply {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        for (k, v) in headers { head += "\(k): \(v)\r\n" }
        if let body {
            head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        var out = Data(head.utf8)
        if let body { out.append(body) }
        return try Reply(parsing: exchange(out))
    }

    public func get(_ target: String) async throws -> Reply { try await send("GET", target) }

    public func post(_ target: String, _ body: String) async throws -> Reply {
        try await send("POST", target, body: Data(body.utf8))
    }

    /// ``request(_:_:body:headers:)`` on a thread of its own: neither the
    /// cooperative pool nor Dispatch's few workers (which on Linux it shares)
    /// may wait on a socket while the in-process daemon needs them to answer.
    public func send(_ method: String, _ target: String, body: Data? = nil) async throws -> Reply {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try request(method, target, body: body) })
            }.start()
        }
    }

    /// Sends `bytes` exactly as given (a malformed request, too) and returns what
    /// the server wrote until it closed or a whole response arrived.
    /// - Parameter closeWrite: shut down the sending side after `bytes`, as a
    ///   client that gave up halfway through its body would.
    public func exchange(_ out: Data, closeWrite: Bool = false) throws -> Data {
        let fd = try connected()
        defer { close(fd) }
        // No test may hang on a daemon that stopped reading or never answers.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var sendTimeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
        // A server may answer before it read the whole body (413): stop sending when it stops reading.
        out.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { return }
                sent += n
            }
        }
        if closeWrite { shutdown(fd, Int32(SHUT_WR)) }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !Reply.isComplete(received) {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            received.append(contentsOf: buffer[0..<n])
        }
        return received
    }

    /// A socket connected to `base`.
    private func connected() throws -> Int32 {
        switch base {
        case .unix(let path):
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            guard let result = UnixSocketAddress.with(path, { connect(fd, $0, $1) }) else {
                close(fd)
                throw Failure(description: "socket path too long")
            }
            guard result == 0 else { close(fd); throw Failure(description: "connect \(path): errno \(errno)") }
            return fd
        case .tcp(let port):
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket: errno \(errno)") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else { close(fd); throw Failure(description: "connect 127.0.0.1:\(port): errno \(errno)") }
            return fd
        }
    }
}
