import FollowUpCore
import FollowUpFormats

/// What `explain` prints while a ``Simulation`` replays one lead: each of its
/// events with where it came from, the engine's reasons and every
/// notification minted for it, then where the lead stands. The same words
/// whether the events come from a file or from the daemon's log; with
/// `--output json`, the same entries as one JSON document for scripts.
struct LeadNarration {
    let lead: LeadID
    /// One JSON document at the end instead of lines as they come.
    let json: Bool
    private var out = StandardOutput()
    private var entries: [JSONValue] = []

    init(lead: LeadID, json: Bool = false) {
        self.lead = lead
        self.json = json
    }

    /// `2026-11-24T20:00:00Z  week.jsonl:3: lead.captured` for the lead's own events.
    /// - Parameter origin: where the event was read (`FILE:LINE`, or `event #3 from api`).
    mutating func event(_ event: Event, origin: String) {
        guard event.lead == lead else { return }
        if json {
            entries.append(.object(["at": .string("\(event.at)"), "event": .string(event.type), "origin": .string(origin)]))
        } else {
            out.line("\(event.at)  \(origin): \(event.type)")
        }
    }

    /// The engine's notes and notifications about the lead; the rest of the world is left out.
    mutating func outcome(_ outcome: EngineOutcome) {
        for note in outcome.notes where note.lead == lead {
            if json {
                entries.append(.object(["at": .string("\(note.at)"), "note": .string(note.text)]))
            } else {
                out.line("\(note.at)  \(note.text)")
            }
        }
        for n in outcome.notifications where n.lead == lead {
            if json {
                entries.append(.object(["at": .string("\(n.at)"), "notification": (try? JSONParser.parse(n.jsonLine)) ?? .null]))
                continue
            }
            var line = "\(n.at)  → \(n.kind.rawValue) to \(n.to)"
            if let step = n.step { line += ", step \(step)" }
            if let deadline = n.deadline { line += ", deadline \(deadline)" }
            if let reason = n.reason { line += " (\(reason.rawValue))" }
            out.line(line + "  [\(n.id)]")
        }
    }

    /// Where the lead stands at `until`, and the flush of everything printed.
    mutating func finish(_ state: LeadState?, until: Instant) {
        if json {
            let document: JSONValue = .object([
                "lead": .string(lead), "until": .string("\(until)"), "entries": .array(entries),
                "state": state.map { Self.summaryJSON($0) } ?? .null,
            ])
            out.line(document.jsonText)
        } else if let state {
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

    /// ``summary(_:until:)``'s facts as JSON (times in UTC, as the API gives them).
    static func summaryJSON(_ s: LeadState) -> JSONValue {
        let step: JSONValue = s.step.map { step in
            .object(["number": .number(String(step.number)), "due": .string("\(step.due)"),
                     "deadline": .string("\(step.deadline)"), "breached": .bool(step.breached)])
        } ?? .null
        return .object([
            "status": .string(s.status.rawValue), "priority": .string(s.priority), "score": .number(String(s.score)),
            "owner": s.owner.map(JSONValue.string) ?? .null, "touches": .number(String(s.touches)), "open_step": step,
            "unrouted": .bool(s.unrouted), "nurture_at": s.nurtureAt.map { .string("\($0)") } ?? .null,
        ])
    }
}
