import FollowUpCore
import Foundation

extension DaemonConfig {
    /// The keys a `followupd.yaml` may hold.
    static let keys = ["database", "durability", "rules", "listen", "advertise", "socket_mode", "token_file", "max_body_bytes",
                       "idle_timeout", "max_connections", "retention",
                       "receivers", "routes", "fallback", "retry", "dead_letter_after", "templates", "lead_url",
                       "dashboard", "sources", "testing"]

    /// Reads and validates a config file.
    ///
    /// Relative paths in it are read from the daemon's working directory (under
    /// systemd, its `WorkingDirectory=`), the way command-line paths are.
    /// - Throws: ``RuleSetLoadError`` listing every problem as FILE:LINE:COL.
    public static func load(path: String) throws(RuleSetLoadError) -> DaemonConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw RuleSetLoadError(problems: [Diagnostic(
                message: exists ? "cannot read the config file (permissions?)" : "config file does not exist",
                place: .whole(path), severity: .error)])
        }
        switch UTF8Text.decode(Array(data)) {
        case .success(let text):
            return try parse(text, file: path)
        case .failure(let bad):
            throw RuleSetLoadError(problems: [Diagnostic(
                message: "not UTF-8 text (byte 0x\(String(bad.byte, radix: 16)))",
                place: SourcePlace(file: path, line: bad.line, column: bad.column), severity: .error)])
        }
    }

    /// Parses config text; `file` names it in problems.
    public static func parse(_ text: String, file: String) throws(RuleSetLoadError) -> DaemonConfig {
        let document = RuleDocument(file: file, text: text)
        var reader = RuleReader(file: file, maskedKeys: document.maskedKeys)
        reader.log.append(contentsOf: document.log)
        var config = DaemonConfig(database: "followupd.sqlite", rules: "/etc/followup/rules.d",
                                  listen: [.unix(path: "/run/followupd/api.sock")], file: file)
        if let root = document.root,
           let fields = reader.fields(of: root, context: "the config", allowed: keys, at: SourcePlace(file: file, line: 1, column: 1)) {
            config.read(fields, with: &reader)
        }
        guard !reader.log.hasErrors else {
            throw RuleSetLoadError(problems: reader.log.sorted(fileOrder: [file]))
        }
        return config
    }

    private mutating func read(_ fields: RuleFields, with reader: inout RuleReader) {
        if let v = reader.text(fields, "database") {
            database = v.value
            if case .failure(let problem) = DatabaseLocation.parse(v.value) { reader.log.error(problem.message, at: v.position) }
        }
        if let v = reader.text(fields, "rules") { rules = v.value }
        if let v = reader.word(fields, "durability") {
            if let d = Durability(rawValue: v.value) {
                durability = d
            } else {
                reader.log.error("`durability` must be one of \(Durability.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(v.value)\"", at: v.position)
            }
        }
        if fields.has("listen"), let items = reader.textList(fields, "listen") {
            var addresses: [ListenAddress] = []
            for item in items {
                if let address = ListenAddress(parsing: item.value) {
                    addresses.append(address)
                } else {
                    reader.log.error("`listen` entry \"\(item.value)\" is neither unix:PATH nor HOST:PORT (e.g. unix:/run/followupd/api.sock, 127.0.0.1:8787)", at: item.position)
                }
            }
            if addresses.isEmpty, !items.isEmpty || reader.log.errorCount == 0 {
                reader.log.error("`listen` needs at least one address", at: fields.keyPosition("listen") ?? fields.position)
            }
            listen = addresses
        }
        if let v = reader.text(fields, "advertise") {
            if let address = ListenAddress(advertised: v.value) {
                advertise = address
            } else {
                reader.log.error("`advertise` \"\(v.value)\" is neither http://HOST:PORT nor unix:PATH (where the other nodes reach this one's API when it leads, e.g. http://10.0.0.5:8787)", at: v.position)
            }
        }
        if let v = reader.text(fields, "socket_mode") {
            if let mode = UInt16(v.value, radix: 8), mode <= 0o777 {
                socketMode = mode
            } else {
                reader.log.error("`socket_mode` must be octal permissions such as \"0660\", got \"\(v.value)\"", at: v.position)
            }
        }
        if let v = reader.text(fields, "token_file") { tokenFile = v.value }
        if let v = reader.integer(fields, "max_body_bytes", minimum: 1_024, maximum: DaemonConfig.largestBody) { maxBodyBytes = v.value }
        if let v = reader.duration(fields, "idle_timeout") {
            if v.value.seconds < 1 {
                reader.log.error("`idle_timeout` must be at least 1s", at: v.position)
            } else {
                idleTimeout = v.value
            }
        }
        if let v = reader.integer(fields, "max_connections", minimum: 1, maximum: 65_536) { maxConnections = v.value }
        if let v = reader.duration(fields, "retention", longest: DaemonConfig.longestRetention) {
            if v.value < DaemonConfig.shortestRetention {
                reader.log.error("`retention` must be at least 1d (a shorter one would prune what a day's reports and `explain` read), got \(v.value)", at: v.position)
            } else {
                retention = v.value
            }
        }
        if let items = reader.items(fields, "receivers") { readReceivers(items, with: &reader) }
        readDelivery(fields, with: &reader)
        if let node = fields["dashboard"] { readDashboard(node, at: fields.keyPosition("dashboard"), with: &reader) }
        if let node = fields["sources"] { readSources(node, with: &reader) }
        if let node = fields["testing"] { readTesting(node, with: &reader) }
        if listen.contains(where: { if case .tcp = $0 { true } else { false } }), tokenFile == nil {
            reader.log.error("a TCP `listen` address needs `token_file` (bearer tokens): the API is only open without a token on a Unix socket",
                             at: fields.keyPosition("listen") ?? fields.position)
        }
    }

    private mutating func readTesting(_ node: RuleNode, with reader: inout RuleReader) {
        guard let fields = reader.fields(of: node, context: "`testing`", allowed: ["enabled", "clock", "clock_start", "clock_rate"]) else { return }
        var testing = TestingConfig(enabled: reader.bool(fields, "enabled") ?? false)
        if let v = reader.text(fields, "clock_start") {
            if let t = RFC3339.parse(v.value) {
                testing.clockStart = t
            } else {
                reader.log.error("`clock_start` must be an RFC 3339 time, got \"\(v.value)\"", at: v.position)
            }
        }
        if let v = reader.word(fields, "clock") {
            switch v.value {
            case "manual": testing.manualClock = true
            case "scaled": testing.manualClock = false
            default: reader.log.error("`clock` must be manual or scaled, got \"\(v.value)\"", at: v.position)
            }
        }
        if let v = reader.text(fields, "clock_rate") {
            if let rate = Double(v.value), rate > 0, rate <= 1_000_000 {
                testing.clockRate = rate
            } else {
                reader.log.error("`clock_rate` must be a number above 0 (how many virtual seconds pass per real second), got \"\(v.value)\"", at: v.position)
            }
        }
        self.testing = testing
    }
}
