import CSystemd
import Foundation
public import Logging

/// One journal entry as `FIELD=value` strings, built apart from sending so it
/// can be checked without a journal.
public struct JournalEntry: Sendable {
    public var fields: [String]

    public init(level: Logger.Level, message: String, metadata: Logger.Metadata, logger: String, identifier: String,
                file: String, line: UInt, function: String) {
        var fields = [
            "MESSAGE=" + message,
            "PRIORITY=" + String(Self.syslogPriority(level)),
            "SYSLOG_IDENTIFIER=" + identifier,
            "LOGGER=" + logger,
            "CODE_FILE=" + file,
            "CODE_LINE=" + String(line),
            "CODE_FUNC=" + function,
        ]
        let reserved = Set(fields.map { String($0.prefix { $0 != "=" }) })
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            var name = Self.fieldName(key)
            // A metadata key may not overwrite the entry's own fields (a lead's "priority" is not its log level).
            if reserved.contains(name) { name = "META_" + name }
            fields.append(name + "=" + value.description)
        }
        self.fields = fields
    }

    /// syslog(3) levels, as journald's `PRIORITY` wants them.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// A journal field name: uppercase letters, digits and underscores, not
    /// starting with an underscore or a digit (`lead_id` → `LEAD_ID`, `rep-id` → `REP_ID`).
    public static func fieldName(_ key: String) -> String {
        var name = String(key.uppercased().map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) ? c : "_"
        })
        while name.first == "_" { name.removeFirst() }
        if name.isEmpty || name.first!.isNumber { name = "F" + name }
        return String(name.prefix(64))
    }

    /// Hands the fields to journald (`sd_journal_sendv`: values may hold newlines).
    static func send(_ fields: [String]) {
        // One buffer for all fields, so every iovec points into memory alive for the call.
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = storage.count
            storage.append(contentsOf: field.utf8)
            ranges.append(start..<storage.count)
        }
        storage.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            let vectors = ranges.map { iovec(iov_base: base + $0.lowerBound, iov_len: $0.count) }
            _ = sd_journal_sendv(vectors, Int32(vectors.count))
        }
    }
}
