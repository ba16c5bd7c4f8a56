import Foundation

/// Where the daemon's own log goes.
public enum LogDestination: Sendable, Equatable {
    /// The journal, with structured fields (stderr is connected to it).
    case journal
    /// Readable lines on stderr.
    case standardError

    /// The journal when `JOURNAL_STREAM` names the very file stderr is
    /// (systemd sets it for services whose output goes to the journal; a child
    /// whose stderr was redirected inherits the variable but not the stream).
    public static func detect() -> LogDestination {
        detect(journalStream: ProcessInfo.processInfo.environment["JOURNAL_STREAM"])
    }

    /// ``detect()`` with the variable's value given.
    public static func detect(journalStream: String?) -> LogDestination {
        guard let stream = journalStream else { return .standardError }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return .standardError }
        var info = stat()
        guard fstat(2, &info) == 0 else { return .standardError }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode ? .journal : .standardError
    }
}
