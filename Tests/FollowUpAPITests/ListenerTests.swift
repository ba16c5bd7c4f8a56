import FollowUpCore
import FollowUpDaemon
import FollowUpRules
import FollowUpTestSupport
import Foundation
import Logging
import NIOCore
import NIOPosix
import Testing

@Suite("Listeners: Unix socket file and TCP bearer tokens")
struct ListenerTests {
    @Test("the socket file gets the configured mode (0660), in a directory made for it")
    func socketMode() async throws {
        let config = try LiveAPI.config(socketName: "run/followup/api.sock")
        try await LiveAPI.run(config: config) { api in
            let attributes = try FileManager.default.attributesOfItem(atPath: api.socketPath)
            #expect(attributes[.type] as? FileAttributeType == .typeSocket)
            #expect((attributes[.posixPermissions] as? NSNumber)?.uint16Value == 0o660)
            #expect(try await api.unix.get("/healthz").status == 200)
        }
        // Removed on shutdown, so clients see "not running" rather than a dead socket.
        if case .unix(let path) = config.listen[0] { #expect(!FileManager.default.fileExists(atPath: path)) }
    }

    @Test("a stale socket file left by a crash is replaced")
    func staleSocket() async throws {
        let config = try LiveAPI.config()
        guard case .unix(let path) = config.listen[0] else { return }
        // Bind and close without unlinking: what kill -9 leaves behind.
        try StaleSocket.make(at: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let status = try await LiveAPI.run(config: config) { api in try await api.unix.get("/healthz").status }
        #expect(status == 200)
    }

    @Test("a socket a live process answers on is not stolen")
    func socketInUse() async throws {
        let config = try LiveAPI.config()
        guard case .unix(let path) = config.listen[0] else { return }
        let live = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: path).get()
        defer { live.close(promise: nil) }
        await #expect(throws: APIStartupError.self) {
            try await LiveAPI.run(config: config) { _ in }
        }
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test("TCP without a token, or with a wrong one, is a 401 JSON error")
    func tcpRejectsBadTokens() async throws {
        try await LiveAPI.run(config: LiveAPI.config(tcp: true, tokens: ["s3cret-token", "second-token"])) { api in
            for token in [nil, "wrong", "s3cret-toke", "s3cret-token-and-more", ""] as [String?] {
                let reply = try await api.tcp(token: token).get("/v1/leads")
                #expect(reply.status == 401, "token \(token ?? "nil")")
                #expect(reply.header("WWW-Authenticate") == #"Bearer realm="followupd""#)
                #expect(reply.header("Content-Type") == "application/json")
                #expect(reply.error?["message"] != nil)
            }
            // Unknown paths are not revealed to unauthenticated clients either.
            #expect(try await api.tcp(token: nil).get("/nothing").status == 401)
        }
    }

    @Test("TCP with a token of the file is served, and events are logged as api:tcp")
    func tcpAcceptsTokens() async throws {
        try await LiveAPI.run(config: LiveAPI.config(tcp: true, tokens: ["s3cret-token", "second-token"])) { api in
            #expect(try await api.tcp(token: "s3cret-token").get("/v1/leads").status == 200)
            #expect(try await api.tcp(token: "second-token").post("/v1/events", Fixtures.alice).status == 200)
            #expect(try await api.tcp(token: "second-token").post("/v1/events", Fixtures.capture("L1")).status == 200)
            let record = try await api.unix.get("/v1/leads/L1")
            #expect(record["events"]?.firstItem?["source"] == .string("api:tcp"))
            // The Unix socket needs no token: its file mode is the access control.
            #expect(try await api.unix.get("/v1/leads").status == 200)
        }
    }

    @Test("a TCP listener without a usable token file is a start-up error naming the file")
    func tokenFileProblems() throws {
        let clock = TestClock(at("2026-11-24T19:00:00Z"))
        let daemon = MemoryDaemon(clock: clock)
        let directory = try LiveAPI.temporaryDirectory()
        func start(_ tokenFile: String?) throws {
            let config = DaemonConfig(database: "x", rules: "r", listen: [.tcp(host: "127.0.0.1", port: 0)],
                                      tokenFile: tokenFile, file: "/etc/followup/followupd.yaml")
            _ = try APIServer(intake: daemon, queries: daemon, health: daemon, clock: { clock.now }, config: config,
                              logger: Logger(label: "test"))
        }
        #expect(throws: APIStartupError(message: "token file \(directory)/missing does not exist; a TCP listener needs at least one bearer token")) {
            try start("\(directory)/missing")
        }
        try "# only a comment\n\n".write(toFile: "\(directory)/empty", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(directory)/empty")
        #expect(throws: APIStartupError(message: "token file \(directory)/empty has no token; a TCP listener needs at least one bearer token")) {
            try start("\(directory)/empty")
        }
        // Every user could read the keys: refused, naming the file and its mode.
        try "admin t0ken-for-all\n".write(toFile: "\(directory)/open", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: "\(directory)/open")
        #expect(throws: APIStartupError(message: "token file \(directory)/open can be read by every user (mode 0644): chmod 600 it, "
                                        + "owned by the daemon's user; whoever reads it holds the API's keys; "
                                        + "a TCP listener needs at least one bearer token")) {
            try start("\(directory)/open")
        }
        // A malformed line names FILE:LINE:COL and never quotes the token.
        try "read r-token\n  writer w-secret\n".write(toFile: "\(directory)/typo", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(directory)/typo")
        #expect(throws: APIStartupError(message: "\(directory)/typo:2:3: unknown scope (expected read, write, admin or feed:REP "
                                        + "before the token); a TCP listener needs at least one bearer token")) {
            try start("\(directory)/typo")
        }
        #expect(throws: APIStartupError(message: "/etc/followup/followupd.yaml: listen 127.0.0.1:0 needs token_file (TCP requires bearer tokens)")) {
            try start(nil)
        }
    }
}
