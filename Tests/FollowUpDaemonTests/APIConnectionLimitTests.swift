import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Clients that connect and say nothing must not hold the daemon's file
/// descriptors: an idle connection is closed after `idle_timeout`, and no more
/// than `max_connections` are accepted at once (the rest wait in the kernel's
/// listen queue, holding none of the daemon's descriptors).
@Suite(.serialized) struct APIConnectionLimitTests {
    /// A connection to the daemon's socket that sends nothing.
    static func idleConnection(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw APIClient.Failure(description: "socket: errno \(errno)") }
        guard UnixSocketAddress.with(path, { connect(fd, $0, $1) }) == 0 else {
            close(fd)
            throw APIClient.Failure(description: "connect: errno \(errno)")
        }
        return fd
    }

    /// The daemon's open file descriptors.
    static func openFiles(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z", extra: "idle_timeout: 1s")
        let fd = try Self.idleConnection(daemon.socket)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 8, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let opened = Date()
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, 0)
        let waited = Date().timeIntervalSince(opened)
        #expect(n == 0, "the daemon kept the silent connection open for \(waited) s")
        #expect(waited < 5, "\(waited)")
        #expect(try daemon.get("/healthz").status == 200)
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func connectionsBeyondTheCapHoldNoDescriptors() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z", extra: "max_connections: 8\nidle_timeout: 2s")
        let pid = try #require(daemon.pid)
        usleep(300_000)
        let before = Self.openFiles(pid)
        let connections = try (0..<60).map { _ in try Self.idleConnection(daemon.socket) }
        defer { connections.forEach { close($0) } }
        usleep(500_000)
        let during = Self.openFiles(pid)
        // The cap's 8, and room for one SQLite reader connection the pool may open meanwhile
        // (the file, -wal and -shm: 3; CI saw 11 with room for 2): far below the 60 clients.
        #expect(during - before <= 8 + 3 + 2, "60 silent clients took \(during - before) descriptors (cap 8)")
        // Once the idle ones are closed, the daemon serves again.
        #expect(RelayProcess.waitUntil(30) { (try? daemon.get("/healthz").status) == 200 })
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
