import ArgumentParser

/// `followupctl`: the admin's and rep's command line for followupd.
@main
struct FollowUpCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followupctl",
        abstract: "Check rule files, simulate them over events, and explain a lead's timeline.",
        discussion: """
            Try a rule change before reloading the daemon:
              followupctl check-rules etc/followup/rules.d
              followupctl simulate --rules etc/followup/rules.d --events week.jsonl --until 2026-12-01T00:00:00Z
              followupctl explain --rules etc/followup/rules.d --events week.jsonl --lead L1
            """,
        subcommands: [CheckRulesCommand.self, SimulateCommand.self, ExplainCommand.self]
    )
}
