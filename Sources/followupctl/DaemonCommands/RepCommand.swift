import ArgumentParser
import FollowUpCore

/// `followupctl rep away|back REP`: a rep's availability, as `rep.availability` events.
struct RepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rep",
        abstract: "Mark a rep away or back.",
        subcommands: [Away.self, Back.self])

    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a rep away: their leads awaiting a first touch move to their backup at once.")

        @OptionGroup var daemon: DaemonOptions

        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
        var rep: String

        @Option(name: .long, help: ArgumentHelp("Back at this RFC 3339 time (e.g. 2026-11-30T13:00:00Z); default: until told.",
                                                valueName: "time"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Why, for people (vacation, sick).", valueName: "text"))
        var reason: String?

        func validate() throws {
            if let until, RFC3339.parse(until) == nil {
                throw ValidationError("--until: \"\(until)\" is not an RFC 3339 time (e.g. 2026-11-30T13:00:00Z)")
            }
        }

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "rep.availability")
            w.string("rep", rep)
            w.bool("available", false)
            if let until { w.string("until", until) }
            if let reason { w.string("reason", reason) }
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon)
        }
    }

    struct Back: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a rep available again (nothing moves back to them on its own).")

        @OptionGroup var daemon: DaemonOptions

        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
        var rep: String

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "rep.availability")
            w.string("rep", rep)
            w.bool("available", true)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon)
        }
    }
}

/// Sends one event built by a command and prints what was accepted.
enum DaemonEvent {
    static func send(_ event: [UInt8], daemon: DaemonOptions) async throws {
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.post("/v1/events", json: event)
            }
            for line in AcceptedEvents.lines(of: reply) { print(line) }
        }
    }
}
