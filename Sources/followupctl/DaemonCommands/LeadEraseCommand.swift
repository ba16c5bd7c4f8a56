import ArgumentParser
import FollowUpCore
import FollowUpWire

extension LeadCommand {
    /// `followupctl lead erase LEAD --yes`: `POST /v1/leads/{id}/erase`.
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a lead's personal data everywhere (a data subject's request): irreversible.",
            discussion: """
                Name, email, phone, company, title, need and attributes leave the lead, its events and its \
                notifications; its timers stop and nothing more is sent for it. Reports still count it: status, \
                times, owner, source, touches and breaches stay. Events naming it are refused afterwards. \
                Needs the admin scope over TCP. See docs/semantics.md, "Erasing a lead".
                """)

        @OptionGroup var daemon: DaemonOptions

        @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
        var lead: String

        @Flag(name: .long, help: "Confirm: the data cannot be brought back.")
        var yes = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard yes else { throw ValidationError("erasing a lead cannot be undone: add --yes to confirm") }
        }

        func run() async throws {
            try await CtlError.reporting {
                let answer = try await DaemonClient.with(try daemon.endpoint()) { client in
                    try await client.post("/v1/leads/\(URIComponent.encode(lead))/erase")
                }
                if output.isJSON { return output.print(answer, table: { _ in [] }) }
                let erasure = try ErasureBody(answer: answer)
                var out = StandardOutput()
                out.line("erased lead \(lead): \(erasure.events) events and \(erasure.notifications) notifications rewritten, "
                         + "\(erasure.timers) timers cancelled, \(erasure.undelivered) undelivered notifications dropped")
                if !erasure.logEmptied {
                    out.line("note: old copies are still in the database's log: SQLite drops them at its next checkpoint, PostgreSQL when VACUUM and WAL recycling reclaim them (docs/operations.md)")
                }
                out.flush()
            }
        }
    }
}
