import ArgumentParser
import FollowUpCore
import FollowUpFormats

extension LeadCommand {
    /// `followupctl lead status LEAD won|lost|disqualified`: a `lead.status`
    /// event without writing JSON. Final: nothing more is sent for the lead.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close a lead: won, lost or disqualified (final; nothing more is sent for it).")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
        var lead: String

        @Argument(help: ArgumentHelp("won, lost or disqualified.", valueName: "status"))
        var status: String

        @Option(name: .long, help: ArgumentHelp("The deal's value, with won (revenue in `report --by source`).", valueName: "amount"))
        var value: String?

        func validate() throws {
            let names = LeadStatus.settable.map(\.rawValue)
            guard names.contains(status) else {
                throw ValidationError("status must be one of \(names.joined(separator: ", ")), got \"\(status)\"")
            }
            if let value {
                guard status == LeadStatus.won.rawValue else { throw ValidationError("--value goes with won only") }
                guard Amount(parsing: value) != nil else {
                    throw ValidationError("--value must be an amount from 0 to \(Amount.maximum.cents / 100) (1200 or 1200.50), got \"\(value)\"")
                }
            }
        }

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "lead.status")
            w.string("lead", lead)
            w.string("status", status)
            if let amount = value.flatMap(Amount.init(parsing:)) { w.value("value", .number(amount.description)) }
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }

    /// `followupctl lead reassign LEAD REP`: a manager's `lead.reassigned`.
    struct Reassign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a lead to another rep (a manager's decision: deadlines stay, no hand-off even if the rep is away).")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
        var lead: String

        @Argument(help: ArgumentHelp("The new owner.", valueName: "rep"))
        var rep: String

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "lead.reassigned")
            w.string("lead", lead)
            w.string("owner", rep)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }
}
