import ArgumentParser
import FollowUpCore
import FollowUpRules

/// `followupctl explain`: one lead's timeline, with the reason for every time.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print one lead's timeline: each step's due time and deadline, and why.",
        discussion: """
            Runs the same simulation as `simulate` and narrates one lead: which triage rule
            matched, which business hours and holidays a deadline skipped, which call window
            a step moved into, who in the backup chain was tried, and every notification.
            """)

    @OptionGroup var rules: RulesOptions
    @OptionGroup var input: EventFileOptions

    @Option(name: .long, help: ArgumentHelp("The lead to explain.", valueName: "id"))
    var lead: String

    func run() throws {
        let loaded = try rules.load()
        var simulation = Simulation(rules: loaded.rules, explains: true)
        let (script, until) = try input.read(engine: simulation.engine)
        guard script.events.contains(where: { $0.lead == lead }) else {
            Terminal.error("\(input.events): no event names lead \"\(lead)\"")
            throw ExitCode(1)
        }
        var out = StandardOutput()
        let id = lead
        func show(_ outcome: EngineOutcome) {
            for note in outcome.notes where note.lead == id {
                out.line("\(note.at)  \(note.text)")
            }
            for n in outcome.notifications where n.lead == id {
                var line = "\(n.at)  → \(n.kind.rawValue) to \(n.to)"
                if let step = n.step { line += ", step \(step)" }
                if let deadline = n.deadline { line += ", deadline \(deadline)" }
                if let reason = n.reason { line += " (\(reason.rawValue))" }
                out.line(line + "  [\(n.id)]")
            }
        }
        for (event, line) in zip(script.events, script.lines) {
            if event.lead == id { out.line("\(event.at)  \(input.events):\(line): \(event.type)") }
            try simulation.apply(event, emit: show)
        }
        simulation.run(until: until, emit: show)
        if let state = simulation.world.lead(id) {
            out.line("")
            out.line(Self.summary(state, until: until))
        }
        out.flush()
    }

    /// Where the lead stands at the end of the simulation.
    static func summary(_ s: LeadState, until: Instant) -> String {
        var parts = ["at \(until): status \(s.status.rawValue)", "priority \(s.priority)", "score \(s.score)",
                     "owner \(s.owner ?? "none")", "touches \(s.touches)"]
        if let step = s.step {
            parts.append("open step \(step.number) due \(step.due) deadline \(step.deadline)\(step.breached ? " (breached)" : "")")
        }
        if s.unrouted { parts.append("unrouted (the fallback owns step 1)") }
        if let n = s.nurtureAt { parts.append("next nurture \(n)") }
        return parts.joined(separator: ", ")
    }
}
