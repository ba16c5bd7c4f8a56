import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpRules
import FollowUpWire

/// `followupctl explain`: one lead's timeline, with the reason for every time.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print one lead's timeline: each step's due time and deadline, and why.",
        discussion: """
            Replays the lead through the same simulation as `simulate` and narrates it: which
            triage rule matched, which business hours and holidays a deadline skipped, which
            call window a step moved into, who in the backup chain was tried, and every
            notification.

            Without --events the events come from the running daemon (GET /v1/leads/{id}/events:
            the lead's events and every rep event, as the daemon applied them) and the replay
            runs up to the daemon's now, under --rules (default: the rules directory of the
            daemon's config). With --events FILE they come from the file.

              followupctl explain L1
              followupctl explain --rules etc/followup/rules.d --events week.jsonl L1
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: ArgumentHelp("Replay this file's events (one JSON object per line, in time order; '-' reads stdin) instead of the daemon's.",
                                            valueName: "file"))
    var events: String?

    @Option(name: .long, help: ArgumentHelp(
        "Replay up to this RFC 3339 time. Default: the daemon's now; with --events, 35 days after the last event.",
        valueName: "time"))
    var until: String?

    @Argument(help: ArgumentHelp("The lead to explain.", valueName: "lead"))
    var leadArgument: String?

    @Option(name: .long, help: ArgumentHelp("The lead to explain (the same as the argument).", valueName: "id"))
    var lead: String?

    func validate() throws {
        switch (leadArgument, lead) {
        case (nil, nil): throw ValidationError("name the lead to explain: followupctl explain LEAD")
        case (let a?, let b?) where a != b: throw ValidationError("the lead is named twice: \(a) and --lead \(b)")
        default: break
        }
    }

    private var leadID: LeadID { leadArgument ?? lead ?? "" }

    func run() async throws {
        if let events {
            try explainFile(events)
        } else {
            try await explainFromDaemon()
        }
    }

    /// `--events FILE`: the file's events, as `simulate` reads them.
    private func explainFile(_ file: String) throws {
        let loaded = try rules.load()
        var simulation = Simulation(rules: loaded.rules, explains: true)
        var input = EventFileOptions()
        input.events = file
        input.until = until
        let (script, end) = try input.read(engine: simulation.engine)
        let id = leadID
        guard script.events.contains(where: { $0.lead == id }) else {
            Terminal.error("\(input.fileName): no event names lead \"\(id)\"")
            throw ExitCode(1)
        }
        var narration = LeadNarration(lead: id, json: output.isJSON)
        for (event, line) in zip(script.events, script.lines) {
            narration.event(event, origin: "\(input.fileName):\(line)")
            try simulation.apply(event, emit: { narration.outcome($0) })
        }
        simulation.run(until: end, emit: { narration.outcome($0) })
        narration.finish(simulation.world.lead(id), until: end)
    }

    /// The lead's stored events from the daemon, replayed up to the daemon's now.
    private func explainFromDaemon() async throws {
        try await CtlError.reporting {
            let id = leadID
            let limit = try EventFileOptions.instant(until, option: "--until")
            let (status, stored, record) = try await DaemonClient.with(try daemon.endpoint()) { client in
                (try await client.get("/v1/status"), try await StoredLeadEvents.fetch(id, client: client),
                 try await client.get("/v1/leads/\(URIComponent.encode(id))"))
            }
            let health = try StatusBody(answer: status).health
            let now = health.now
            let loaded = try rules.load(fallback: try? DaemonConfig.load(path: daemon.configPath).rules)
            if let running = health.rulesVersion, running != loaded.rules.version {
                Terminal.error("followupctl: warning: these rules are version \(loaded.rules.version), the daemon runs \(running); the replay may differ from what it did (pass --rules with the daemon's rule files)")
            }
            let end = limit ?? now
            var simulation = Simulation(rules: loaded.rules, explains: true)
            var narration = LeadNarration(lead: id, json: output.isJSON)
            for entry in stored.entries where entry.event.at <= end {
                var event = entry.event
                // The log is in applied order; an event the clock put behind the timeline applied at its time.
                event.at = max(event.at, simulation.now ?? event.at)
                narration.event(event, origin: entry.origin)
                do throws(Diagnostic) {
                    try simulation.apply(event, emit: { narration.outcome($0) })
                } catch {
                    throw CtlError("\(entry.origin) (\(event.type)) does not replay under these rules: \(error)")
                }
            }
            simulation.run(until: end, emit: { narration.outcome($0) })
            let replayed = simulation.world.lead(id)
            narration.finish(replayed, until: end)
            if limit == nil, let owner = try LeadRecordBody(answer: record).lead.owner, let replayed, replayed.owner != owner {
                Terminal.error("followupctl: note: the daemon has \(id) owned by \(owner); this replay gave it to \(replayed.owner ?? "nobody"): round robin and load balancing also count the team's other leads, which a replay of one lead leaves out")
            }
        }
    }
}
