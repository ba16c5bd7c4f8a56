import ArgumentParser
import FollowUpRules
import Foundation

/// `--rules DIR`, shared by the commands that need a rule set.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules directory (every *.yaml in it, in name order).", valueName: "dir"))
    var rules: String = RulesOptions.defaultDirectory

    /// `etc/followup/rules.d` in the working directory when present (a checkout), else the installed one.
    static var defaultDirectory: String {
        FileManager.default.fileExists(atPath: "etc/followup/rules.d") ? "etc/followup/rules.d" : "/etc/followup/rules.d"
    }

    /// Loads the rule set, or prints every problem and exits 1.
    func load() throws -> LoadedRules {
        do {
            return try RuleSet.load(directory: rules)
        } catch {
            for problem in error.problems { Terminal.error(problem.description) }
            throw ExitCode(1)
        }
    }
}
