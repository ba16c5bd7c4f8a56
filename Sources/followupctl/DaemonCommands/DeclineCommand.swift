import ArgumentParser
import FollowUpCore

/// `followupctl decline LEAD [--rep REP] [--reason TEXT]`: the owner gives the
/// lead back, as a `lead.declined` event. While step 1 is open the lead moves
/// on (by the team's routing or the decliner's chain) with a fresh deadline.
struct DeclineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline",
        abstract: "Decline a lead: while its first touch is pending it moves to another rep with a fresh deadline.")

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
    var lead: String

    @Option(name: .long, help: ArgumentHelp("Who declines; default: the lead's owner.", valueName: "rep"))
    var rep: String?

    @Option(name: .long, help: ArgumentHelp("Why (not my territory), kept with the lead's events.", valueName: "text"))
    var reason: String?

    func run() async throws {
        try await OwnerEvent.send("lead.declined", lead: lead, rep: rep, reason: reason, daemon: daemon, output: output)
    }
}
