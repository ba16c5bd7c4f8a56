import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// `followupctl lead show|update|merge`: one lead in the running daemon.
struct LeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead",
        abstract: "Look at one lead in the running daemon, correct its data, merge a duplicate into it, or erase it.",
        subcommands: [Show.self, Update.self, Merge.self, Status.self, Reassign.self, Erase.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a lead's state and timeline: its events, notifications (with delivery state) and pending timers.")

        @OptionGroup var daemon: DaemonOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "id"))
        var id: String

        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await CtlError.reporting {
                let record = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.get("/v1/leads/\(URIComponent.encode(id))")
                }
                try output.print(record, as: LeadRecordBody.self, table: LeadTimeline.lines)
            }
        }
    }

    /// `followupctl lead update LEAD --set field=value …`: a `lead.updated` event.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a lead's data: a new phone or email can qualify it, a new time zone moves its call window.",
            discussion: """
                Fields: name, email, phone, company, title, company_size (a whole number), need, stage, timezone, \
                source, or any other name (kept as an attribute, e.g. country=US for territory routes). owner, \
                score and priority cannot be set here.
                """)

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
        var lead: String

        @Option(name: .long, help: ArgumentHelp("A field's new value (repeat for several).", valueName: "field=value"))
        var set: [String] = []

        /// The changes, typed; throws the first `--set` that is malformed or refused.
        func changes() throws(ValidationError) -> [LeadFieldChange] {
            guard !set.isEmpty else { throw ValidationError("give at least one --set field=value") }
            var changes: [LeadFieldChange] = []
            var seen = Set<String>()
            for argument in set {
                let change = try LeadFieldChange(parsing: argument)
                guard seen.insert(change.field).inserted else { throw ValidationError("--set \(change.field) is given twice") }
                changes.append(change)
            }
            return changes
        }

        func validate() throws {
            _ = try changes()
        }

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "lead.updated")
            w.beginObject("lead")
            w.string("id", lead)
            for change in try changes() { w.value(change.field, change.value) }
            w.endObject()
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }

    /// `followupctl lead merge SURVIVOR DUPLICATE`: a `lead.merged` event.
    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate into the lead that stays: the duplicate ends (status merged), its score adds to the survivor's.")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The lead that stays, keeping its owner, touches and steps.", valueName: "survivor"))
        var survivor: String

        @Argument(help: ArgumentHelp("The duplicate, which ends.", valueName: "duplicate"))
        var duplicate: String

        func validate() throws {
            if survivor == duplicate { throw ValidationError("a lead cannot be merged into itself") }
        }

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "lead.merged")
            w.string("lead", survivor)
            w.string("duplicate", duplicate)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }
}
