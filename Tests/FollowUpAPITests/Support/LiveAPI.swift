import FollowUpCore
import FollowUpDaemon
import FollowUpRules
import FollowUpTestSupport
import Foundation
import Logging
import ServiceLifecycle

/// Runs the real ``APIServer`` in process on real sockets (a temporary Unix
/// socket, and TCP on a free port when asked) in a `ServiceGroup`, the way the
/// daemon will, and hands the test a client for each bound address.
struct LiveAPI {
    let daemon: MemoryDaemon
    let clock: TestClock
    let config: DaemonConfig
    /// The addresses actually bound, in the config's order.
    let bound: [ListenAddress]

    /// A fresh directory under /tmp with a short name (socket paths are limited to 108 bytes).
    static func temporaryDirectory() throws -> String {
        let path = "/tmp/fapi-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A config with one Unix socket in a fresh directory, plus TCP with a token file when `tcp` is set.
    static func config(tcp: Bool = false, tokens: [String] = ["s3cret-token"], maxBodyBytes: Int = 1 << 20,
                       socketName: String = "api.sock") throws -> DaemonConfig {
        let directory = try temporaryDirectory()
        var listen: [ListenAddress] = [.unix(path: "\(directory)/\(socketName)")]
        var tokenFile: String?
        if tcp {
            listen.append(.tcp(host: "127.0.0.1", port: 0))
            tokenFile = "\(directory)/tokens"
            try ("# API tokens\n\n" + tokens.joined(separator: "\n") + "\n").write(toFile: tokenFile!, atomically: true, encoding: .utf8)
            // The daemon refuses a token file other users can read.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile!)
        }
        return DaemonConfig(database: "\(directory)/state.sqlite", rules: "etc/followup/rules.d", listen: listen,
                            tokenFile: tokenFile, maxBodyBytes: maxBodyBytes, file: "\(directory)/followupd.yaml")
    }

    /// Starts the listeners, runs `body`, then shuts them down gracefully.
    /// The server, and `body`, run on ``ServerThreads``: the cooperative pool belongs to the other suites.
    static func run<T: Sendable>(config: DaemonConfig? = nil, start: Instant = at("2026-11-24T19:00:00Z"),
                                 _ body: @Sendable (LiveAPI) async throws -> T) async throws -> T {
        try await withServerThreads { try await serve(config: config, start: start, body) }
    }

    private static func serve<T: Sendable>(config: DaemonConfig?, start: Instant,
                                           _ body: @Sendable (LiveAPI) async throws -> T) async throws -> T {
        let config = try config ?? Self.config()
        let clock = TestClock(start)
        let daemon = MemoryDaemon(clock: clock)
        var logger = Logger(label: "followupd.api.test")
        logger.logLevel = .warning
        let (addresses, reported) = AsyncStream.makeStream(of: ListenAddress.self)
        let server = try APIServer(intake: daemon, queries: daemon, health: daemon, clock: { clock.now },
                                   config: config, logger: logger, onListening: { reported.yield($0) })
        let group = ServiceGroup(configuration: .init(services: server.listeners, logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { reported.finish() }
                try await group.run()
            }
            var bound: [ListenAddress] = []
            for await address in addresses {
                bound.append(address)
                if bound.count == config.listen.count { break }
            }
            guard bound.count == config.listen.count else {
                try await tasks.waitForAll()  // rethrows the start-up error
                throw APIStartupError(message: "listeners stopped before listening")
            }
            // Report TCP addresses in config order regardless of which bound first.
            let ordered = config.listen.map { wanted in
                bound.first { Self.same($0, wanted) } ?? wanted
            }
            let live = LiveAPI(daemon: daemon, clock: clock, config: config, bound: ordered)
            do {
                let value = try await body(live)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    private static func same(_ a: ListenAddress, _ b: ListenAddress) -> Bool {
        switch (a, b) {
        case (.unix(let x), .unix(let y)): x == y
        case (.tcp(let h1, _), .tcp(let h2, _)): h1 == h2
        default: false
        }
    }

    /// The Unix socket's path.
    var socketPath: String {
        for case .unix(let path) in bound { return path }
        preconditionFailure("no Unix listener")
    }

    /// The TCP port actually bound.
    var tcpPort: Int {
        for case .tcp(_, let port) in bound { return port }
        preconditionFailure("no TCP listener")
    }

    /// A client over the Unix socket.
    var unix: APIClient { APIClient(base: .unix(socketPath)) }

    /// A client over TCP, sending `token` as a bearer token when given.
    func tcp(token: String?) -> APIClient { APIClient(base: .tcp(port: tcpPort), token: token) }
}
