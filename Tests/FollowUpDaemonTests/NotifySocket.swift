import FollowUpTestSupport
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What systemd would be for a `Type=notify` service: a datagram socket the
/// daemon finds through `NOTIFY_SOCKET`; every datagram it sends is kept, in
/// order, as its newline-separated assignments.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let received = Mutex<[Message]>([])
    private let closed = Atomic<Bool>(false)

    /// One datagram: `READY=1\nSTATUS=…` as fields, and when it arrived.
    struct Message: CustomStringConvertible {
        var fields: [String: String]
        var at: Date
        var description: String { fields.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") }
    }

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw NotifySocketError("socket: errno \(errno)") }
        let bound = UnixSocketAddress.with(path) { bind(fd, $0, $1) }
        guard bound == 0 else { throw NotifySocketError("bind \(path): errno \(errno)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Thread { [self] in self.readLoop() }.start()
    }

    private func readLoop() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !closed.load(ordering: .acquiring) {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { continue }
            let text = String(decoding: buffer[..<n], as: UTF8.self)
            var fields: [String: String] = [:]
            for line in text.split(separator: "\n") {
                guard let eq = line.firstIndex(of: "=") else { continue }
                fields[String(line[..<eq])] = String(line[line.index(after: eq)...])
            }
            received.withLock { $0.append(Message(fields: fields, at: Date())) }
        }
    }

    /// Every datagram so far.
    var messages: [Message] { received.withLock { $0 } }

    /// Waits for the first datagram after index `after` that satisfies `matches`; returns its index.
    @discardableResult
    func wait(after: Int = -1, seconds: Double = 10, _ what: String,
              _ matches: (Message) -> Bool) throws -> (index: Int, message: Message) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let all = messages
            if let i = all.indices.first(where: { $0 > after && matches(all[$0]) }) { return (i, all[i]) }
            usleep(20_000)
        }
        throw NotifySocketError("no \(what) within \(seconds) s; received: \(messages.map(\.description))")
    }

    /// How many watchdog pings arrived between two instants.
    func pings(from start: Date, to end: Date) -> Int {
        messages.filter { $0.fields["WATCHDOG"] == "1" && $0.at >= start && $0.at <= end }.count
    }

    deinit {
        closed.store(true, ordering: .releasing)
        close(fd)
        unlink(path)
    }
}

struct NotifySocketError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
