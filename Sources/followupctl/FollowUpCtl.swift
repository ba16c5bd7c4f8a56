import ArgumentParser
import FollowUpRules

/// `followupctl`: the admin's and rep's command line for followupd.
///
/// Async because the daemon commands talk to followupd over HTTP; the offline
/// commands (check-rules, simulate, explain) stay synchronous.
@main
struct FollowUpCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followupctl",
        abstract: "Check and simulate rule files offline, and talk to a running followupd.",
        discussion: """
            Try a rule change before reloading the daemon:
              followupctl check-rules etc/followup/rules.d
              followupctl simulate --rules etc/followup/rules.d --events week.jsonl --until 2026-12-01T00:00:00Z
              followupctl explain --rules etc/followup/rules.d --events week.jsonl L1

            Talk to the running daemon (its Unix socket from --config, or --socket / --url):
              followupctl event '{"type":"lead.activity","lead":"L1","action":"pdf_download"}'
              crm-export | followupctl event
              followupctl lead show L1
              followupctl explain L1
              followupctl leads --owner alice --overdue
              followupctl queue alice
              followupctl rep away alice --until 2026-11-30T13:00:00Z --reason vacation
              followupctl rep away alice --from 2026-12-21 --until 2027-01-04 --reason holiday
              followupctl reps
              followupctl accept L1
              followupctl decline L1 --reason "not my territory"
              followupctl lead update L1 --set phone="+1 555 0101" --set company_size=250
              followupctl lead merge L1 L7
              followupctl touch log L1 --rep alice --channel call --outcome no_answer
              followupctl snooze L1 --until 2026-12-14 --reason "call back after the budget meeting"
              followupctl status
              followupctl leads --owner alice --output json     # any command that prints: the daemon's JSON as is
              followupctl report --since 2026-11-01 --by source
              followupctl import leads.csv --dry-run
              followupctl check-rules etc/followup/rules.d --against-running
              followupctl reload
              followupctl backup /var/backups/followupd-$(date +%F).sqlite

            Move a stopped one-box install to PostgreSQL (docs/operations.md):
              followupctl migrate-store --from /var/lib/followup/followupd.sqlite --to postgres://followupd@/followupd?host=/run/postgresql
            """,
        version: FollowUpVersion.current,
        subcommands: [
            CheckRulesCommand.self, SimulateCommand.self, ExplainCommand.self,
            EventCommand.self, LeadCommand.self, LeadsCommand.self, QueueCommand.self, RepCommand.self, RepsCommand.self,
            AcceptCommand.self, DeclineCommand.self, TouchCommand.self, SnoozeCommand.self, StatusCommand.self, OutboxCommand.self, ReloadCommand.self, ReportCommand.self,
            ImportCommand.self, BackupCommand.self, MigrateStoreCommand.self,
        ]
    )

    /// Daemon options may come first, and a mistyped command is named with a
    /// suggestion (exit 64, as for any usage error) before ArgumentParser runs.
    static func main() async {
        var names: [String: [String]] = [:]
        // `_commandName`: the name ArgumentParser uses, also when derived from the type (`Show` → `show`).
        for command in configuration.subcommands {
            names[command._commandName] = command.configuration.subcommands.map { $0._commandName }
        }
        switch CommandLineShape.normalized(Array(CommandLine.arguments.dropFirst()), subcommands: names) {
        case .success(let arguments):
            await main(arguments)
        case .failure(let unknown):
            Terminal.error("followupctl: \(unknown)")
            Self.exit(withError: ExitCode(64))
        }
    }
}
