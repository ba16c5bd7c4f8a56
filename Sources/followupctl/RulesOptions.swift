import ArgumentParser
import FollowUpCore
import FollowUpRules
import Foundation

/// `--rules DIR`, shared by the commands that need a rule set.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The rules directory (every *.yaml in it, in name order). Default: etc/followup/rules.d when present, else /etc/followup/rules.d; `explain LEAD` against the daemon defaults to the rules its config names.",
        valueName: "dir"))
    var rules: String?

    /// `etc/followup/rules.d` in the working directory when present (a checkout), else the installed one.
    static var defaultDirectory: String {
        FileManager.default.fileExists(atPath: "etc/followup/rules.d") ? "etc/followup/rules.d" : "/etc/followup/rules.d"
    }

    /// `--rules`, else ``defaultDirectory``.
    var directory: String { rules ?? Self.defaultDirectory }

    /// Loads `--rules` (else `fallback`, else ``defaultDirectory``), or prints every problem and exits 1.
    func load(fallback: String? = nil) throws -> LoadedRules {
        do {
            return try RuleSet.load(directory: rules ?? fallback ?? Self.defaultDirectory)
        } catch {
            for problem in error.problems { Terminal.error(problem.description) }
            throw ExitCode(1)
        }
    }
}
