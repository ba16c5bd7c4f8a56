import ArgumentParser
import FollowUpCore

/// `followupctl lead show ID`: one lead's record from the running daemon.
struct LeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead",
        abstract: "Look at one lead in the running daemon.",
        subcommands: [Show.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a lead's state and timeline: its events, notifications (with delivery state) and pending timers.")

        @OptionGroup var daemon: DaemonOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "id"))
        var id: String

        @Flag(name: .long, help: "Print the daemon's JSON as is.")
        var json = false

        func run() async throws {
            try await CtlError.reporting {
                let record = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.get("/v1/leads/\(URIComponent.encode(id))")
                }
                var out = StandardOutput()
                if json {
                    out.line(record.jsonText)
                } else {
                    for line in LeadTimeline.lines(of: record) { out.line(line) }
                }
                out.flush()
            }
        }
    }
}
