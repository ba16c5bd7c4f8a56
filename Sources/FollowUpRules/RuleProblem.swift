/// One thing wrong with (or worth knowing about) the rule files, at the place
/// it was found, so an admin can jump straight to it.
///
/// Printed the way compilers print diagnostics, `FILE:LINE:COL: error: message`,
/// so editors and `grep` understand it. Problems about a whole file or
/// directory (unreadable, missing) have no line and print as `FILE: error: message`.
public struct RuleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether a problem makes the rule set invalid.
    public enum Severity: String, Hashable, Sendable {
        /// The rule set cannot be used.
        case error
        /// Informational (an override, a reference to a rep the files do not
        /// declare); the rule set is still valid.
        case note
    }

    /// The file (or directory) the problem is in, as it was given to the loader.
    public var file: String
    /// 1-based line; 0 when the problem concerns the file as a whole.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (as libyaml counts); 0 with line 0.
    public var column: Int
    /// What is wrong, in a sentence that names the offending value.
    public var message: String
    public var severity: Severity

    /// Creates a problem at a position.
    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// `FILE:LINE:COL: error: message`, or `FILE: error: message` without a position.
    public var description: String {
        line > 0
            ? "\(file):\(line):\(column): \(severity.rawValue): \(message)"
            : "\(file): \(severity.rawValue): \(message)"
    }
}
