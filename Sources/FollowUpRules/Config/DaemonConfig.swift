public import FollowUpCore

/// `followupd.yaml`: where the daemon keeps its state, which rules it runs,
/// where it listens and where notifications go. Same format and same
/// FILE:LINE:COL errors as the rule files.
public struct DaemonConfig: Sendable, Hashable {
    /// `database:` as written: a SQLite file (relative paths are read from
    /// the working directory) or a `postgres://` URL; see ``location``.
    public var database: String
    /// How hard each commit is pushed to disk.
    public var durability: Durability
    /// The rules directory.
    public var rules: String
    /// Where the API listens: a Unix socket by default, TCP only with a token file.
    public var listen: [ListenAddress]
    /// Where other nodes reach this one's API when it leads (`advertise:`,
    /// several nodes on PostgreSQL): a standby forwards writes there. Nil:
    /// standbys answer writes 503, naming the leader to post to.
    public var advertise: ListenAddress?
    /// Mode of the Unix socket file (permissions are the access control).
    public var socketMode: UInt16
    /// Bearer tokens for TCP listeners, one per line (blank lines and `#` comments ignored).
    public var tokenFile: String?
    /// Largest request body the API accepts.
    public var maxBodyBytes: Int
    /// How long an API connection may stay silent (no request part read, no
    /// request being answered) before the daemon closes it.
    public var idleTimeout: TimeSpan = TimeSpan(seconds: 30)
    /// API connections open at once, per listen address; more wait in the
    /// kernel's listen queue until one closes.
    public var maxConnections: Int = 256
    /// How long delivered outbox rows, dead letters and the events of closed
    /// leads are kept (nil: forever). See docs/daemon.md, "Retention".
    public var retention: TimeSpan?
    /// The shortest `retention` accepted.
    public static let shortestRetention = TimeSpan.days(1)
    /// The longest `retention` accepted (100 years): now minus it stays a sane instant.
    public static let longestRetention = TimeSpan.days(36_500)
    /// The most `max_body_bytes` may be (1 GiB): a body is held in memory while it is read.
    public static let largestBody = 1 << 30
    /// Named notification receivers: log, webhook, smtp, sendmail, exec.
    public var receivers: [ReceiverConfig]
    /// Routes, fallback, retries, dead letters and templates.
    public var delivery: DeliveryConfig
    /// The dashboard's targets (`dashboard:`).
    public var dashboard = DashboardConfig()
    /// What each lead source costs per month (`sources:`), for ROI in reports.
    /// A source not named has no known cost (its cost figures are null).
    public var sourceCosts: [String: Amount] = [:]
    /// Test-only settings, honoured only when `testing.enabled` is true.
    public var testing: TestingConfig?
    /// The file this came from (for messages).
    public var file: String

    public init(database: String, durability: Durability = .normal, rules: String, listen: [ListenAddress],
                socketMode: UInt16 = 0o660, tokenFile: String? = nil, maxBodyBytes: Int = 1 << 20,
                receivers: [ReceiverConfig] = [ReceiverConfig(name: "log", kind: .log)], delivery: DeliveryConfig = DeliveryConfig(),
                testing: TestingConfig? = nil, file: String = "<defaults>") {
        self.database = database
        self.durability = durability
        self.rules = rules
        self.listen = listen
        self.socketMode = socketMode
        self.tokenFile = tokenFile
        self.maxBodyBytes = maxBodyBytes
        self.receivers = receivers
        self.delivery = delivery
        self.testing = testing
        self.file = file
    }

    /// How each commit reaches the disk (SQLite's `synchronous` in WAL mode).
    public enum Durability: String, Sendable, Hashable, CaseIterable {
        /// Survives a crash or kill -9 of the daemon; the last commits may be lost on power failure.
        case normal
        /// Also survives power failure: one fsync per event.
        case full
    }
}

/// An address the API listens on: `unix:/run/followup/api.sock` or `127.0.0.1:8787`.
public enum ListenAddress: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    /// Parses an `advertise:` value, `http://HOST:PORT` or `unix:PATH`; nil when malformed.
    public init?(advertised text: String) {
        if text.hasPrefix("unix:") {
            self.init(parsing: text)
            return
        }
        guard text.hasPrefix("http://") else { return nil }
        var rest = text.dropFirst("http://".count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("@"), case .tcp(let host, let port)? = ListenAddress(parsing: String(rest)) else { return nil }
        self = .tcp(host: host, port: port)
    }

    /// The address as `advertise:` writes it (`http://HOST:PORT` or `unix:PATH`).
    public var advertised: String {
        switch self {
        case .unix: description
        case .tcp: "http://\(description)"
        }
    }

    /// Parses `unix:PATH`, `HOST:PORT` or `[IPv6]:PORT`; nil when malformed.
    public init?(parsing text: String) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { return nil }
            self = .unix(path: path)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self = .tcp(host: host, port: port)
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}

/// Settings for end-to-end tests, ignored unless `enabled`: a virtual clock
/// that starts at `clockStart` and either runs `clockRate` times faster than
/// real time, or (`manualClock`) moves only when a test advances it through
/// the testing endpoint, which exists only then.
public struct TestingConfig: Sendable, Hashable {
    public var enabled: Bool
    public var clockStart: Instant?
    public var clockRate: Double = 1
    public var manualClock: Bool = false
}

extension DaemonConfig {
    /// ``database`` read: a SQLite file or a PostgreSQL database. A config
    /// file's `database:` is checked when it is read (FILE:LINE:COL); one set
    /// in code or on the command line is checked here.
    public func location() throws(DatabaseLocationError) -> DatabaseLocation {
        try DatabaseLocation.parse(database).get()
    }
}
