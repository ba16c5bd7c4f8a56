import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// The details `rep add` and `rep update` set; each left out keeps what the
/// rep has (update) or stays unset (add).
struct RepDetails: ParsableArguments {
    @Option(name: .long, help: "The rep's name, as people read it.") var name: String?
    @Option(name: .long, help: "Where their notifications are mailed.") var email: String?
    @Option(name: .long, help: "Their team (routing picks reps by team).") var team: String?
    @Option(name: .long, help: "Who covers for them (the escalation chain).") var backup: String?
    @Option(name: .long, help: "Their IANA time zone, e.g. America/Chicago.") var timezone: String?
    @Option(name: .long, help: "Share of a weighted team's leads (1 and up).") var weight: Int?
    @Option(name: .long, help: "Most leads in cadence before routing skips them.") var capacity: Int?

    /// Reads the rep as the daemon has it, lets `base` refuse or choose what
    /// the details go over, sends `rep.upserted` and prints what was accepted.
    func send(for id: String, daemon: DaemonOptions, output: OutputOptions,
              base: (RepBody?) throws(CtlError) -> RepBody?) async throws {
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                let current = try base(try await RosterLookup.rep(id, with: client))
                return try await client.post("/v1/events", json: event(for: id, over: current))
            }
            try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines)
        }
    }

    /// Writes `rep.upserted` for `id`: these details over `current` (the rep as the daemon has it).
    func event(for id: String, over current: RepBody?) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("type", "rep.upserted")
        w.beginObject("rep")
        w.string("id", id)
        for (key, value) in [("name", name ?? current?.name), ("email", email ?? current?.email), ("team", team ?? current?.team),
                             ("backup", backup ?? current?.backup), ("timezone", timezone ?? current?.timezone)] {
            if let value { w.string(key, value) }
        }
        if let v = weight ?? current?.weight { w.int("weight", v) }
        if let v = capacity ?? current?.capacity { w.int("capacity", v) }
        w.endObject()
        w.endObject()
        return w.bytes
    }
}

extension RepCommand {
    /// `followupctl rep add REP [--name …] …`: a new rep (refused if the id is taken).
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a rep to the roster (an id already there is refused: use rep update).")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep")) var rep: String
        @OptionGroup var details: RepDetails

        func run() async throws {
            try await details.send(for: rep, daemon: daemon, output: output) { current throws(CtlError) in
                if current != nil {
                    throw CtlError("rep \"\(rep)\" already exists; change it with `followupctl rep update \(rep) …`")
                }
                return nil
            }
        }
    }

    /// `followupctl rep update REP [--team …] …`: changes the named details, keeps the rest.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a rep's details; those not named stay as they are.")

        @OptionGroup var daemon: DaemonOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: ArgumentHelp("The rep's id.", valueName: "rep")) var rep: String
        @OptionGroup var details: RepDetails

        func run() async throws {
            try await details.send(for: rep, daemon: daemon, output: output) { current throws(CtlError) in
                guard let current else {
                    throw CtlError("unknown rep \"\(rep)\" (field: rep); add it with `followupctl rep add \(rep) …`")
                }
                return current
            }
        }
    }
}

/// A rep as `GET /v1/reps` has it.
enum RosterLookup {
    static func rep(_ id: String, with client: DaemonClient) async throws(CtlError) -> RepBody? {
        try RepsBody(answer: try await client.get("/v1/reps")).reps.first { $0.id == id }
    }
}
