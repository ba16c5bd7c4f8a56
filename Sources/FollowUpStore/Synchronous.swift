/// How hard SQLite works to make a commit survive a power cut (`PRAGMA synchronous`).
///
/// Both survive a crash of the daemon (kill -9): in WAL mode a commit is in
/// the log file before `record` returns. Only a power cut or kernel crash
/// tells them apart.
public enum Synchronous: Sendable, Hashable {
    /// WAL with `synchronous = NORMAL`: the log is synced at checkpoints, not at
    /// every commit. A power cut may lose the last commits, never corrupt the file.
    case normal
    /// `synchronous = FULL`: every commit is synced to disk before it returns.
    case full

    /// The pragma's value.
    var pragma: String {
        switch self {
        case .normal: "NORMAL"
        case .full: "FULL"
        }
    }
}
