import ArgumentParser
import FollowUpRules

/// `followupctl check-rules DIR`: validate a rule set without running it.
struct CheckRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-rules",
        abstract: "Validate a rules directory: exit 0 with a summary, or 1 listing every problem as FILE:LINE:COL.")

    @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
    var directory: String = RulesOptions.defaultDirectory

    @Flag(name: .shortAndLong, help: "Print nothing when the rules are valid.")
    var quiet = false

    func run() throws {
        var options = RulesOptions()
        options.rules = directory
        let loaded = try options.load()
        guard !quiet else { return }
        for note in loaded.notes { print(note.description) }
        print(loaded.summary)
    }
}

