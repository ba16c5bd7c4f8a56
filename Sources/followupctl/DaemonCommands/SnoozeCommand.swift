import ArgumentParser
import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// `followupctl snooze LEAD --until TIME`: the lead asked to be called later,
/// as a `lead.snoozed` event. Nothing is due for the lead until it wakes.
///
/// TIME is read by ``WakeUpTime``. A date, or days and weeks, are read in the
/// lead's time zone, which the command asks the daemon for first
/// (`GET /v1/leads/{id}`: the lead's `timezone`, else the `zone` its policy
/// calendar gives, else America/New_York, the shipped calendar's). A duration
/// counts from the daemon's now (`GET /healthz`), not this machine's: the
/// daemon is what judges `until` against the event's time.
struct SnoozeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snooze",
        abstract: "Snooze a lead until a time it chose: nothing is due for it until then, and then its step re-opens.",
        discussion: """
            TIME is an RFC 3339 time (2026-12-14T15:00:00Z), a date (2026-12-14: 09:00 that day in the \
            lead's time zone) or a duration from now (12h; 30d and 2w keep the wall-clock time in the \
            lead's time zone across a DST change). The policy's max_snooze (shipped: 90 days) is the limit.
            """)

    /// The zone a date is read in when neither the lead nor the daemon names one: the shipped calendar's.
    static let fallbackZone = "America/New_York"

    @OptionGroup var daemon: DaemonOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The lead's id.", valueName: "lead"))
    var lead: String

    @Option(name: .long, help: ArgumentHelp("When the lead wakes: 2026-12-14T15:00:00Z, 2026-12-14, 12h, 30d or 2w.",
                                            valueName: "time"))
    var until: String

    @Option(name: .long, help: ArgumentHelp("Why, as the lead put it (shown with the lead).", valueName: "text"))
    var reason: String?

    @Option(name: .long, help: ArgumentHelp("Who took the request (for people and reports).", valueName: "rep"))
    var rep: String?

    func validate() throws {
        do {
            _ = try WakeUpTime(parsing: until)
        } catch {
            throw ValidationError("--until: \(error)")
        }
    }

    func run() async throws {
        try await CtlError.reporting {
            let wakeUp: WakeUpTime
            do { wakeUp = try WakeUpTime(parsing: until) } catch { throw CtlError("--until: \(error)") }
            let (reply, resolved) = try await DaemonClient.with(try daemon.endpoint()) { client in
                let resolved = try await resolve(wakeUp, with: client)
                return (try await client.post("/v1/events", json: event(until: resolved.at)), resolved)
            }
            if output.isJSON { return try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines) }
            var out = StandardOutput()
            for line in AcceptedEvents.lines(of: try AcceptedEventsBody(answer: reply)) { out.line(line) }
            out.line("\(lead) snoozed until \(resolved.at)" + (resolved.local.map { " (\($0))" } ?? ""))
            out.flush()
        }
    }

    /// The instant `wakeUp` names for this lead, and how it reads where the lead is (date forms only).
    private func resolve(_ wakeUp: WakeUpTime, with client: DaemonClient) async throws(CtlError)
        -> (at: Instant, local: String?) {
        if case .instant(let at) = wakeUp { return (at, nil) }
        let now = try HealthBody(answer: try await client.get("/healthz")).now
        guard wakeUp.dependsOnZone else { return (wakeUp.resolve(now: now, zone: .utc), nil) }
        let lead = try LeadRecordBody(answer: try await client.get("/v1/leads/\(URIComponent.encode(lead))")).lead
        let zoneID = lead.timezone ?? lead.zone ?? Self.fallbackZone
        guard let zone = ZoneCatalog.shared.rules(for: zoneID) else {
            throw CtlError("the lead's time zone \(zoneID) is not known here; give --until as an RFC 3339 time", field: "until")
        }
        let at = wakeUp.resolve(now: now, zone: zone)
        let local = zone.local(at)
        return (at, "\(local.date.weekday.shortName) \(local) \(zoneID)")
    }

    /// The `lead.snoozed` event; `at` is left to the daemon (its now).
    private func event(until: Instant) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.string("type", "lead.snoozed")
        w.string("lead", lead)
        w.instant("until", until)
        if let rep { w.string("rep", rep) }
        if let reason { w.string("reason", reason) }
        w.endObject()
        return w.bytes
    }
}
