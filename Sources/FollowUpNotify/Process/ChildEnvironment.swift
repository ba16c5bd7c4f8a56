public import Foundation

/// The environment an `exec` or `sendmail` child starts with: `PATH`, `LANG`
/// and the variables its receiver's `environment:` names, taken from the
/// daemon's; nothing else. The daemon's own environment may hold what a
/// script has no business seeing (credentials a unit's `Environment=` set for
/// something else, `NOTIFY_SOCKET`, `CREDENTIALS_DIRECTORY`), and a child
/// would carry it into every program it runs and every error it prints.
public enum ChildEnvironment {
    /// Passed always. `PATH` falls back to the usual system one when the daemon has none.
    public static let always = ["PATH", "LANG"]
    static let defaultPath = "/usr/local/bin:/usr/bin:/bin"

    /// `NAME=value` strings for the child, in the order named.
    public static func make(passing names: [String],
                            from environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for name in always + names where seen.insert(name).inserted {
            if let value = environment[name] {
                out.append("\(name)=\(value)")
            } else if name == "PATH" {
                out.append("PATH=\(defaultPath)")
            }
        }
        return out
    }
}
