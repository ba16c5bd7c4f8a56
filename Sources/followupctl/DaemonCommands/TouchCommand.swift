import ArgumentParser
import FollowUpCore
import FollowUpFormats

/// `followupctl touch log LEAD`: log a contact attempt, as a `touch.logged` event.
struct TouchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "touch",
        abstract: "Log a rep's contact attempt with a lead.",
        subcommands: [Log.self])

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Log a touch now: it meets the lead's open step; connected, replied or meeting stop the cadence.")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
        var lead: String

        @Option(name: .long, help: ArgumentHelp("Who made the touch.", valueName: "rep"))
        var rep: String

        @Option(name: .long, help: ArgumentHelp("call, email, voicemail, sms, mail, meeting or chat.", valueName: "channel"))
        var channel: String

        @Option(name: .long, help: ArgumentHelp("no_answer, voicemail, sent, bounced, connected, replied or meeting.",
                                                valueName: "outcome"))
        var outcome: String

        func run() async throws {
            var w = JSONWriter()
            w.beginObject()
            w.string("type", "touch.logged")
            w.string("lead", lead)
            w.string("rep", rep)
            w.string("channel", channel)
            w.string("outcome", outcome)
            w.endObject()
            try await DaemonEvent.send(w.bytes, daemon: daemon, output: output)
        }
    }
}
