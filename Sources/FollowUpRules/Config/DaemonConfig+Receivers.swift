import FollowUpCore
import Foundation

/// `receivers:` — each `{name, kind, …kind-specific keys}`.
extension DaemonConfig {
    static let commonReceiverKeys = ["name", "kind", "in_flight"]
    static let receiverKeys: [ReceiverConfig.Kind: [String]] = [
        .log: ["stream"],
        .webhook: ["url", "secret_file", "timeout", "headers", "batch", "body_template"],
        .smtp: ["host", "port", "starttls", "ca_file", "auth", "username", "password_file", "from", "from_name", "default_to",
                "timeout", "helo"],
        .sendmail: ["path", "from", "from_name", "default_to", "timeout", "environment"],
        .exec: ["command", "timeout", "environment"],
        .slack: ["url_file", "timeout"],
        .teams: ["url_file", "timeout"],
    ]

    mutating func readReceivers(_ items: [RuleNode], with reader: inout RuleReader) {
        var out: [ReceiverConfig] = []
        for (index, item) in items.enumerated() {
            let context = item.peek("name").map { "receiver \"\($0)\"" } ?? "receiver #\(index + 1)"
            // The allowed keys depend on the kind: peek at it first, check everything after.
            let kindText = item.peek("kind")
            let kind = kindText.flatMap(ReceiverConfig.Kind.init(rawValue:))
            let allowed = Self.commonReceiverKeys + (kind.flatMap { Self.receiverKeys[$0] }
                ?? Self.receiverKeys.values.flatMap { $0 })
            let errorsBefore = reader.log.errorCount
            guard let fields = reader.fields(of: item, context: context, allowed: allowed, required: ["name", "kind"]),
                  let name = reader.word(fields, "name"), let kindValue = reader.word(fields, "kind")
            else { continue }
            guard let kind else {
                reader.log.error("\(fields.describe("kind")) must be one of \(ReceiverConfig.Kind.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(kindValue.value)\"",
                                 at: kindValue.position)
                continue
            }
            if out.contains(where: { $0.name == name.value }) {
                reader.log.error("receiver \"\(name.value)\" is defined twice", at: name.position)
                continue
            }
            // A lane multiplies it by the batch size: unbounded, it overflowed.
            let inFlight = reader.integer(fields, "in_flight", minimum: 1, maximum: ReceiverConfig.mostInFlight)?.value
            let settings: ReceiverConfig.Settings?
            switch kind {
            case .log: settings = readLog(fields, with: &reader)
            case .webhook: settings = readWebhook(fields, with: &reader)
            case .smtp: settings = readSMTP(fields, with: &reader)
            case .sendmail: settings = readSendmail(fields, with: &reader)
            case .exec: settings = readExec(fields, with: &reader)
            case .slack: settings = readChat(fields, with: &reader).map(ReceiverConfig.Settings.slack)
            case .teams: settings = readChat(fields, with: &reader).map(ReceiverConfig.Settings.teams)
            }
            guard let settings, reader.log.errorCount == errorsBefore else { continue }
            out.append(ReceiverConfig(name: name.value, kind: kind, inFlight: inFlight, settings: settings))
        }
        receivers = out
    }

    private func readLog(_ fields: RuleFields, with reader: inout RuleReader) -> ReceiverConfig.Settings? {
        var settings = LogSettings()
        if let v = reader.word(fields, "stream") {
            guard let stream = LogSettings.Stream(rawValue: v.value) else {
                reader.log.error("\(fields.describe("stream")) must be stdout or stderr, got \"\(v.value)\"", at: v.position)
                return nil
            }
            settings.stream = stream
        }
        return .log(settings)
    }

    private func readWebhook(_ fields: RuleFields, with reader: inout RuleReader) -> ReceiverConfig.Settings? {
        guard fields.has("url") else {
            reader.log.error("\(fields.context) is missing `url`", at: fields.position)
            return nil
        }
        guard let url = reader.word(fields, "url") else { return nil }
        guard let parsed = URL(string: url.value), let scheme = parsed.scheme, ["http", "https"].contains(scheme),
              parsed.host != nil
        else {
            reader.log.error("\(fields.describe("url")) must be an http:// or https:// URL, got \"\(RedactedURL.text(url.value))\"", at: url.position)
            return nil
        }
        var settings = WebhookSettings(url: url.value)
        if let v = reader.text(fields, "secret_file") {
            guard Self.secretFile(v, fields.describe("secret_file"), "the HMAC key lets anyone sign requests to the relay",
                                  with: &reader) else { return nil }
            settings.secretFile = v.value
        }
        if let v = readTimeout(fields, with: &reader) { settings.timeout = v }
        if let v = reader.integer(fields, "batch", minimum: 1) {
            guard v.value <= WebhookSettings.maxBatch else {
                reader.log.error("\(fields.describe("batch")) must be at most \(WebhookSettings.maxBatch), got \(v.value)", at: v.position)
                return nil
            }
            settings.batch = v.value
        }
        if let v = reader.word(fields, "body_template") {
            // A template renders one notification: a batch is DESIGN.md's array or nothing.
            guard settings.batch == 1 else {
                reader.log.error("\(fields.describe("body_template")) renders one notification per POST: it cannot be used with `batch` above 1",
                                 at: v.position)
                return nil
            }
            guard v.value.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }), !v.value.hasPrefix(".") else {
                reader.log.error("\(fields.describe("body_template")) must name a template (NAME for NAME.json.mustache), got \"\(v.value)\"",
                                 at: v.position)
                return nil
            }
            settings.bodyTemplate = v.value
        }
        if let node = fields["headers"], let entries = reader.entries(of: node, what: fields.describe("headers")) {
            for entry in entries {
                let name = entry.key.value
                guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != ":" }) else {
                    reader.log.error("header name \"\(name)\" in \(fields.describe("headers")) is not a valid HTTP header name",
                                     at: entry.key.position)
                    continue
                }
                guard let value = reader.text(entry.value, what: "header `\(name)` of \(fields.context)", key: entry.key.position)
                else { continue }
                settings.headers.append(HeaderField(name: name, value: value.value))
            }
        }
        return .webhook(settings)
    }

    private func readSMTP(_ fields: RuleFields, with reader: inout RuleReader) -> ReceiverConfig.Settings? {
        for key in ["host", "from"] where !fields.has(key) {
            reader.log.error("\(fields.context) is missing `\(key)`", at: fields.position)
        }
        guard let host = reader.word(fields, "host"), let email = readEmail(fields, with: &reader) else { return nil }
        var settings = SMTPSettings(host: host.value, email: email)
        if let v = reader.integer(fields, "port", minimum: 1) {
            guard v.value <= 65_535 else {
                reader.log.error("\(fields.describe("port")) must be at most 65535, got \(v.value)", at: v.position)
                return nil
            }
            settings.port = v.value
        }
        if let v = reader.bool(fields, "starttls") { settings.starttls = v }
        if let v = reader.text(fields, "ca_file") {
            guard settings.starttls else {
                reader.log.error("\(fields.describe("ca_file")) is only used with `starttls: true`", at: v.position)
                return nil
            }
            guard Self.readable(v, fields.describe("ca_file"), with: &reader) else { return nil }
            settings.caFile = v.value
        }
        if let v = reader.word(fields, "auth") {
            guard let auth = SMTPSettings.Auth(rawValue: v.value) else {
                reader.log.error("\(fields.describe("auth")) must be plain or login, got \"\(v.value)\"", at: v.position)
                return nil
            }
            settings.auth = auth
            // PLAIN and LOGIN send the password base64-encoded, i.e. readable by
            // anyone on the path. Loopback never leaves the host (a local
            // submission relay): only root sees it, and root can read password_file.
            guard settings.starttls || SMTPSettings.isLoopback(host.value) else {
                reader.log.error("\(fields.describe("auth")) would send the password in clear to \(host.value): "
                                 + "add `starttls: true` (only a loopback host may authenticate without it)", at: v.position)
                return nil
            }
        }
        settings.username = reader.text(fields, "username")?.value
        if let v = reader.text(fields, "password_file") {
            guard Self.secretFile(v, fields.describe("password_file"), "the password lets anyone send through the relay",
                                  with: &reader) else { return nil }
            settings.passwordFile = v.value
        }
        if settings.auth != nil, settings.username == nil || settings.passwordFile == nil {
            reader.log.error("`auth` of \(fields.context) needs `username` and `password_file`",
                             at: fields.keyPosition("auth") ?? fields.position)
            return nil
        }
        if let v = reader.word(fields, "helo") { settings.helo = v.value }
        if let v = readTimeout(fields, with: &reader) { settings.timeout = v }
        return .smtp(settings)
    }

    private func readSendmail(_ fields: RuleFields, with reader: inout RuleReader) -> ReceiverConfig.Settings? {
        if !fields.has("from") { reader.log.error("\(fields.context) is missing `from`", at: fields.position) }
        guard let email = readEmail(fields, with: &reader) else { return nil }
        var settings = SendmailSettings(email: email)
        if let v = reader.text(fields, "path") { settings.path = v.value }
        if let v = readTimeout(fields, with: &reader) { settings.timeout = v }
        guard let environment = readEnvironment(fields, with: &reader) else { return nil }
        settings.environment = environment
        return .sendmail(settings)
    }

    private func readExec(_ fields: RuleFields, with reader: inout RuleReader) -> ReceiverConfig.Settings? {
        guard fields.has("command") else {
            reader.log.error("\(fields.context) is missing `command` (a list: program, then its arguments)", at: fields.position)
            return nil
        }
        guard let node = fields["command"], let items = reader.items(of: node, what: fields.describe("command")) else { return nil }
        var command: [String] = []
        for item in items {
            guard let text = reader.text(item, what: "an item of \(fields.describe("command"))") else { return nil }
            command.append(text.value)
        }
        guard let program = command.first else {
            reader.log.error("\(fields.describe("command")) must name a program", at: node.position)
            return nil
        }
        if program.hasPrefix("/"), !FileManager.default.isExecutableFile(atPath: program) {
            reader.log.error("\(fields.describe("command")): \(program) is not an executable file", at: items[0].position)
            return nil
        }
        var settings = ExecSettings(command: command)
        if let v = readTimeout(fields, with: &reader) { settings.timeout = v }
        guard let environment = readEnvironment(fields, with: &reader) else { return nil }
        settings.environment = environment
        return .exec(settings)
    }

    /// `environment: [NAME, …]`: variable names a child gets from the daemon's
    /// environment (besides PATH and LANG); nil after an error.
    private func readEnvironment(_ fields: RuleFields, with reader: inout RuleReader) -> [String]? {
        guard fields.has("environment") else { return [] }
        guard let names = reader.textList(fields, "environment") else { return nil }
        for name in names where !Self.isVariableName(name.value) {
            reader.log.error("\(fields.describe("environment")): \"\(name.value)\" is not a variable name (letters, digits, _; not starting with a digit)",
                             at: name.position)
            return nil
        }
        return names.map(\.value)
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)) }
    }

    private func readEmail(_ fields: RuleFields, with reader: inout RuleReader) -> EmailSettings? {
        guard let from = reader.text(fields, "from") else { return nil }
        guard Self.looksLikeAddress(from.value) else {
            reader.log.error("\(fields.describe("from")) does not look like an address: \"\(from.value)\"", at: from.position)
            return nil
        }
        var email = EmailSettings(from: from.value)
        // The name goes into the From: header; `text` refuses control characters (a line break
        // there would start a header of the writer's choosing) and blank names.
        if let name = reader.text(fields, "from_name") { email.fromName = name.value }
        if let to = reader.word(fields, "default_to") {
            guard Self.looksLikeAddress(to.value) else {
                reader.log.error("\(fields.describe("default_to")) does not look like an address: \"\(to.value)\"", at: to.position)
                return nil
            }
            email.defaultTo = to.value
        }
        return email
    }

    func readTimeout(_ fields: RuleFields, with reader: inout RuleReader) -> TimeSpan? {
        guard let v = reader.duration(fields, "timeout") else { return nil }
        guard v.value.seconds >= 1 else {
            reader.log.error("\(fields.describe("timeout")) must be at least 1s", at: v.position)
            return nil
        }
        return v.value
    }

    /// `a@b`, or `Name <a@b>`.
    static func looksLikeAddress(_ text: String) -> Bool {
        guard let open = text.firstIndex(of: "<") else { return EmailAddress.isValid(text) }
        // `Name <address>`: one pair of brackets, closing the text, around one bare address.
        guard text.hasSuffix(">"), text.lastIndex(of: "<") == open, text.firstIndex(of: ">") == text.index(before: text.endIndex)
        else { return false }
        let name = text[..<open]
        return EmailAddress.isValid(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            && !name.contains { $0 == "," || $0 == ";" || $0 == "\"" }
    }

    /// Whether a secret file named in the config can be read now (reported at the value otherwise).
    /// Whether `path` is readable and only the daemon may read it
    /// (``SecretFileAccess``); `why` says what leaks when it is not.
    static func secretFile(_ path: Located<String>, _ what: String, _ why: String, with reader: inout RuleReader) -> Bool {
        guard readable(path, what, with: &reader) else { return false }
        if let problem = SecretFileAccess.problem(path.value) {
            reader.log.error("\(what): \(problem); \(why)", at: path.position)
            return false
        }
        return true
    }

    static func readable(_ path: Located<String>, _ what: String, with reader: inout RuleReader) -> Bool {
        if FileManager.default.isReadableFile(atPath: path.value) { return true }
        let exists = FileManager.default.fileExists(atPath: path.value)
        reader.log.error("\(what): \(path.value) \(exists ? "cannot be read (permissions?)" : "does not exist")", at: path.position)
        return false
    }
}
