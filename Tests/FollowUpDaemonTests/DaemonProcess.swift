import FollowUpCore
import FollowUpTestSupport
import FollowUpWire
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The real `followupd` binary run as a subprocess on a temporary database
/// and socket, its stdout (the `log` receiver) collected line by line.
final class DaemonProcess: @unchecked Sendable {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `followupd` built beside the test runner.
    static var binary: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("followupd").path
    }

    let directory: URL
    var socket: String { directory.appendingPathComponent("api.sock").path }
    var database: String { directory.appendingPathComponent("state.sqlite").path }
    /// A `postgres://` URL to run on instead of the SQLite file (set it in `setUp`).
    var databaseURL: String?
    var configPath: String { directory.appendingPathComponent("followupd.yaml").path }

    private var process: Process?
    /// Variables added to the daemon's environment (NOTIFY_SOCKET, WATCHDOG_USEC, …) at the next start.
    var environment: [String: String] = [:]
    /// Arguments added after `--config` at the next start.
    var arguments: [String] = []
    /// The rules directory the config names (the shipped one unless a test copies it to change it).
    var rules = DaemonProcess.root.appendingPathComponent("etc/followup/rules.d").path
    /// Whether to tell the daemon (through `JOURNAL_STREAM`) that its stderr is the journal.
    var stderrIsJournal = false
    /// The process id of the running daemon.
    var pid: Int32? { process?.processIdentifier }
    /// Complete stdout lines (the unfinished last one stays with the reader).
    private let output = Mutex<[String]>([])
    /// stderr's bytes, decoded when read, so a character split between two reads stays whole.
    private let errors = Mutex(Data())

    /// The bearer token of a daemon started with `tcp: true`.
    static let token = "e2e-token-7f3a"
    /// The port of the TCP listener (with a token file) the config adds, if asked for.
    private(set) var tcpPort: Int?
    var tokenFile: String { directory.appendingPathComponent("tokens").path }

    /// Writes a config (manual clock starting at `clockStart` unless `scaledRate` is given) and starts the daemon.
    /// - Parameters:
    ///   - receivers: the `receivers:` block (and anything after it), replacing the `log` receiver.
    ///   - directory: where the database, socket and config go (a new temporary directory by default).
    ///   - tcp: also listen on a free loopback TCP port, with ``token`` in a token file.
    ///   - setUp: runs before the config is written and the daemon started
    ///     (to set ``environment``, ``arguments`` or ``rules``).
    ///   - waitUntilReady: wait until the API answers (a standby on PostgreSQL answers /healthz 503: pass false).
    init(clockStart: String, scaledRate: Double? = nil, extra: String = "", receivers: String? = nil,
         directory: URL? = nil, tcp: Bool = false, waitUntilReady: Bool = true,
         setUp: (DaemonProcess) throws -> Void = { _ in }) throws {
        self.directory = directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("followupd-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        if tcp {
            tcpPort = try freePort()
            try "\(Self.token)\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
            // The daemon refuses a token file other users can read.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
        }
        try setUp(self)
        try writeConfig(clockStart: clockStart, scaledRate: scaledRate, extra: extra, receivers: receivers)
        try start(waitUntilReady: waitUntilReady)
    }

    static let logReceiver = """
        receivers:
          - name: log
            kind: log
        """

    /// `http://127.0.0.1:PORT` of the TCP listener.
    var tcpBaseURL: String {
        get throws {
            guard let tcpPort else { throw APIClient.Failure(description: "the daemon was started without tcp: true") }
            return "http://127.0.0.1:\(tcpPort)"
        }
    }

    /// (Re)writes the config; a restart after this reads the new clock start.
    func writeConfig(clockStart: String, scaledRate: Double? = nil, extra: String = "", receivers: String? = nil) throws {
        let clock = scaledRate.map { "clock: scaled\n  clock_rate: \($0)" } ?? "clock: manual"
        try """
            database: "\(databaseURL ?? database)"
            rules: \(rules)
            listen:
              - unix:\(socket)
            \(tcpPort.map { "  - 127.0.0.1:\($0)\ntoken_file: \(tokenFile)" } ?? "")
            \(receivers ?? Self.logReceiver)
            testing:
              enabled: true
              \(clock)
              clock_start: \(clockStart)
            \(extra)
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts (or restarts) the daemon and, unless told not to, waits until its API answers.
    func start(waitUntilReady: Bool = true) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["--config", configPath] + arguments
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        var environment = self.environment
        if stderrIsJournal {
            // What systemd sets for a service whose stderr is a journal stream: the stream's device and inode.
            var info = stat()
            fstat(err.fileHandleForWriting.fileDescriptor, &info)
            environment["JOURNAL_STREAM"] = "\(info.st_dev):\(info.st_ino)"
        }
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        try p.run()
        process = p
        // Read by a thread of its own with `poll` (``PipeDrain``), which keeps the pipes until
        // both end. Not `readabilityHandler`: its libdispatch read source stayed registered on a
        // descriptor the pipe closed when it went (the handler was never removed at end of file),
        // and an open() elsewhere that got the same number left libdispatch acting on a freed
        // source. The test process crashed so in _dispatch_event_loop_drain ("Bad pointer
        // dereference") twice in a row, each time while a test stopped its daemon.
        let reader = Thread { [weak self] in
            var drain = PipeDrain(out.fileHandleForReading.fileDescriptor, err.fileHandleForReading.fileDescriptor)
            var stdout = OutputLines()
            while !drain.finished {
                drain.read(waiting: 0.2)
                // Taken, not copied: a daemon that runs a whole test keeps its output once.
                let (fresh, freshErrors) = (drain.take(0), drain.take(1))
                guard let self else { continue }
                let lines = stdout.add(fresh)
                if !lines.isEmpty { self.output.withLock { $0.append(contentsOf: lines) } }
                if !freshErrors.isEmpty { self.errors.withLock { $0.append(freshErrors) } }
            }
            withExtendedLifetime((out, err)) {}
        }
        reader.name = "followupd-output"
        reader.start()
        guard waitUntilReady else { return }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if !p.isRunning { throw APIClient.Failure(description: "followupd exited \(p.terminationStatus): \(stderr)") }
            if let r = try? get("/healthz"), r.status == 200 { return }
            usleep(20_000)
        }
        throw APIClient.Failure(description: "followupd did not become ready in 20 s: \(stderr)")
    }

    /// What the daemon logged on stderr.
    var stderr: String { String(decoding: errors.withLock { $0 }, as: UTF8.self) }

    /// Complete notification lines printed so far, decoded.
    var notifications: [[String: Any]] {
        output.withLock { $0 }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// Waits until at least `count` notifications were printed (or `seconds` pass).
    @discardableResult
    func waitForNotifications(_ count: Int, seconds: Double = 10) -> [[String: Any]] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, notifications.count < count { usleep(10_000) }
        return notifications
    }

    func get(_ target: String) throws -> APIClient.Reply {
        try APIClient(base: .unix(socket)).request("GET", target)
    }

    func send(_ method: String, _ target: String) throws -> APIClient.Reply {
        try APIClient(base: .unix(socket)).request(method, target)
    }

    func post(_ target: String, _ body: String) throws -> APIClient.Reply {
        try APIClient(base: .unix(socket)).request("POST", target, body: Data(body.utf8))
    }

    /// Moves the manual clock to `time` and waits until the daemon fired what came due.
    func advance(to time: String) throws {
        guard let now = RFC3339.parse(time) else { throw APIClient.Failure(description: "advance: not a time: \(time)") }
        let request = TestingClockBody(now: now)
        let r = try post("/v1/testing/clock", String(decoding: request.jsonBytes, as: UTF8.self))
        guard r.status == 200, try r.body(TestingClockBody.self) == request else {
            throw APIClient.Failure(description: "advance: \(r.status) \(r.body)")
        }
    }

    /// Whether the daemon process is still running.
    var isRunning: Bool { process?.isRunning ?? false }

    /// Waits for the daemon to exit on its own; its status, or nil if it still runs after `seconds`.
    func waitForExit(seconds: Double) -> Int32? {
        guard let p = process else { return nil }
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning, Date() < deadline { usleep(10_000) }
        return p.isRunning ? nil : p.terminationStatus
    }

    /// Sends a signal and returns at once.
    func send(_ sig: Int32) {
        if let p = process { kill(p.processIdentifier, sig) }
    }

    /// Sends a signal and waits for the exit status (nil on timeout).
    @discardableResult
    func signal(_ sig: Int32, wait seconds: Double = 15) -> Int32? {
        guard let p = process else { return nil }
        kill(p.processIdentifier, sig)
        return waitForExit(seconds: seconds)
    }

    deinit {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }
}
