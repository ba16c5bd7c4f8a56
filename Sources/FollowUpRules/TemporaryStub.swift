// Temporary: replaced by the real loader when the rules-work branch merges.
public import FollowUpCore
public struct RuleProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: Sendable, Hashable { case error, note }
    public var file: String; public var line: Int; public var column: Int; public var message: String; public var severity: Severity
    public var description: String { "\(file):\(line):\(column): \(severity == .error ? "error" : "note"): \(message)" }
}
public struct RuleSetLoadError: Error, CustomStringConvertible, Sendable {
    public var problems: [RuleProblem]
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
public struct LoadedRules: Sendable { public var rules: Rules; public var notes: [RuleProblem]; public var files: [String]; public var summary: String }
public enum RuleSet {
    public static func load(directory: String) throws(RuleSetLoadError) -> LoadedRules { throw RuleSetLoadError(problems: []) }
}
