import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// `followupctl rep away|back|deactivate REP`: a rep's availability, as
/// `rep.availability` events, and their leaving, as `rep.deactivated`.
struct RepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rep",
        abstract: "Mark a rep away (now or planned) or back, or deactivate a rep who left.",
        subcommands: [Add.self, Update.self, Away.self, Back.self, Deactivate.self])

    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a rep away: their leads awaiting a first touch move to their backup (at once, or at --from).",
            discussion: """
                TIME is an RFC 3339 time (2026-12-20T00:00:00Z), a date (2026-12-20: 09:00 that day in the rep's \
                time zone) or a duration from the daemon's now (12h, 3d, 2w); --from and --until both count from now.
                """)

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
        var rep: String

        @Option(name: .long, help: ArgumentHelp("Away from this time on (a planned absence); default: now.",
                                                valueName: "time"))
        var from: String?

        @Option(name: .long, help: ArgumentHelp("Back at this time (e.g. 2026-11-30T13:00:00Z, 2026-11-30, 2w); default: until told.",
                                                valueName: "time"))
        var until: String?

        @Option(name: .long, help: ArgumentHelp("Why, for people (vacation, sick).", valueName: "text"))
        var reason: String?

        func validate() throws {
            _ = try AwayWindow(from: from, until: until)
        }

        func run() async throws {
            try await CtlError.reporting {
                let window: AwayWindow
                do throws(ValidationError) { window = try AwayWindow(from: from, until: until) } catch { throw CtlError(error.message) }
                let (reply, times) = try await DaemonClient.with(try daemon.endpoint()) { client in
                    let times = try await window.resolve(for: rep, with: client)
                    var w = JSONWriter()
                    w.beginObject()
                    w.string("type", "rep.availability")
                    w.string("rep", rep)
                    w.bool("available", false)
                    if let from = times.from { w.instant("from", from) }
                    if let until = times.until { w.instant("until", until) }
                    if let reason { w.string("reason", reason) }
                    w.endObject()
                    return (try await client.post("/v1/events", json: w.bytes), times)
                }
                if output.isJSON { return try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines) }
                var out = StandardOutput()
                for line in AcceptedEvents.lines(of: try AcceptedEventsBody(answer: reply)) { out.line(line) }
                let back = times.until.map { "until \($0)" } ?? "until marked back"
                out.line(times.from.map { "\(rep) will be away from \($0) \(back)" } ?? "\(rep) is away \(back)")
                out.flush()
            }
        }
    }

    struct Back: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a rep available again (nothing moves back to them on its own).")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
        var rep: String

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "rep.availability")
            w.string("rep", rep)
            w.bool("available", true)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deactivate a rep who left: routing skips them and each of their open leads moves at once.",
            discussion: "A later rep.upserted of the same id makes them active again; nothing moves back.")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep"))
        var rep: String

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "rep.deactivated")
            w.string("rep", rep)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }
}

/// Sends one event built by a command and prints what was accepted.
enum DaemonEvent {
    static func send(_ event: [UInt8], daemon: DaemonOptions, output: OutputOptions) async throws {
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.post("/v1/events", json: event)
            }
            try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines)
        }
    }
}
