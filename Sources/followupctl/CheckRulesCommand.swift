import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpRules
import FollowUpWire
import Foundation

/// `followupctl check-rules DIR [--against-running]`: validate a rule set
/// without running it, and optionally see what it would move in the running daemon.
struct CheckRulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-rules",
        abstract: "Validate a rules directory: exit 0 with a summary, or 1 listing every problem as FILE:LINE:COL.",
        discussion: """
            With --against-running the rule files are also sent to the running daemon (found as the
            daemon commands find it), which lists the open leads whose due times, deadlines or
            nurture dates a reload to these files would move. Nothing changes in the daemon.
            """)

    @Argument(help: ArgumentHelp("The rules directory.", valueName: "dir"))
    var directory: String = RulesOptions.defaultDirectory

    @Flag(name: .shortAndLong, help: "Print nothing when the rules are valid.")
    var quiet = false

    @Flag(name: .long, help: "Show which open leads of the running daemon a reload to these rules would move.")
    var againstRunning = false

    @Option(name: .long, help: ArgumentHelp("With --against-running: list at most this many leads (all are counted).",
                                            valueName: "n"))
    var limit = 50

    @OptionGroup var daemon: DaemonOptions
    /// With --against-running, `json` prints the daemon's preview as is (and nothing else on stdout).
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if output.isJSON, !againstRunning {
            throw ValidationError("--output json prints the daemon's preview: it needs --against-running")
        }
    }

    func run() async throws {
        var options = RulesOptions()
        options.rules = directory
        let loaded = try options.load()
        if !quiet {
            // With --output json stdout holds only the daemon's preview; the notes still reach a person.
            for note in loaded.notes {
                if output.isJSON { Terminal.error(note.description) } else { print(note.description) }
            }
            if !output.isJSON { print(loaded.summary) }
        }
        guard againstRunning else { return }
        try await CtlError.reporting {
            var files: [RuleFileBody] = []
            for path in loaded.files {
                guard let data = FileManager.default.contents(atPath: path) else { throw CtlError("cannot read \(path)") }
                files.append(RuleFileBody(path: path, text: String(decoding: data, as: UTF8.self)))
            }
            let body = RulesPreviewRequestBody(files: files)
            let preview = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.post("/v1/rules/preview?limit=\(limit)", json: body.jsonBytes)
            }
            try output.print(preview, as: RulesPreviewBody.self, table: Self.lines)
        }
    }

    /// The preview for people: a header, then one row per moved lead.
    static func lines(of preview: RulesPreviewBody) -> [String] {
        var out = ["against the running daemon (rules \(preview.runningVersion) → \(preview.candidateVersion)): "
            + "\(preview.examined) open leads examined, \(preview.moved) would move"]
        let leads = preview.leads
        guard !leads.isEmpty else { return out }
        let table = TextTable(columns: ["LEAD", "OWNER", "STEP", "DUE", "DEADLINE", "NURTURE"],
                              widths: [10, 10, 4, 45, 45])
        out.append(table.header)
        for lead in leads {
            func change(_ value: (ObligationsBody) -> String?) -> String {
                let was = value(lead.before), will = value(lead.after)
                if was == will { return was ?? "-" }
                return "\(was ?? "-") → \(will ?? "-")"
            }
            out.append(table.row([lead.lead, lead.owner ?? "-", change { $0.step.map(String.init) },
                                  change { $0.due.map { "\($0)" } }, change { $0.deadline.map { "\($0)" } },
                                  change { $0.nurtureAt.map { "\($0)" } }]))
        }
        if preview.moved > leads.count { out.append("… and \(preview.moved - leads.count) more (raise --limit)") }
        return out
    }
}
