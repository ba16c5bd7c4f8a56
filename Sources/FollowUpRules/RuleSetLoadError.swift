public import FollowUpCore

/// Why a rule set could not be loaded: every problem found, not just the first,
/// so `followupctl check-rules` can list them all in one run.
public struct RuleSetLoadError: Error, Sendable, CustomStringConvertible {
    /// Errors and notes in file load order, then line and column. Only errors
    /// made the set invalid; notes are kept because they often explain an error
    /// (an override that replaced the definition the admin was looking at).
    public var problems: [Diagnostic]

    public init(problems: [Diagnostic]) { self.problems = problems }

    /// The problems of severity ``Diagnostic/Severity/error``.
    public var errors: [Diagnostic] { problems.filter { $0.severity == .error } }

    /// One problem per line.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
