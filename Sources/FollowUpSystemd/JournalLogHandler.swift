public import Logging

/// A swift-log handler that writes to the systemd journal with structured
/// fields: `MESSAGE`, `PRIORITY` (the syslog level), `SYSLOG_IDENTIFIER`,
/// `CODE_FILE`/`CODE_LINE`/`CODE_FUNC`, and every metadata key as a field of
/// its own (`lead_id` → `LEAD_ID`), so `journalctl -u followupd LEAD_ID=L1`
/// finds everything about one lead.
///
/// Use it when ``LogDestination/detect()`` says stderr is the journal.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let identifier: String

    /// - Parameters:
    ///   - label: the logger's label, sent as `LOGGER=`.
    ///   - identifier: `SYSLOG_IDENTIFIER=`, what `journalctl -t` matches.
    public init(label: String, identifier: String = "followupd", metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let given = event.metadata { merged.merge(given) { _, new in new } }
        let fields = JournalEntry(level: event.level, message: event.message.description, metadata: merged,
                                  logger: label, identifier: identifier,
                                  file: event.file, line: event.line, function: event.function).fields
        JournalEntry.send(fields)
    }
}
