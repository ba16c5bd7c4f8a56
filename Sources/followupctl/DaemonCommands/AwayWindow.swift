import ArgumentParser
import FollowUpCore
import FollowUpWire

/// `rep away`'s `--from` and `--until`, each read as ``WakeUpTime`` reads a
/// snooze's time: an RFC 3339 time, a date (09:00 that day where the rep is:
/// the start of their working day) or a duration from the daemon's now. Both
/// durations count from now, so `--from 3d --until 2w` is away from three
/// days from now until two weeks from now.
struct AwayWindow {
    var from: WakeUpTime?
    var until: WakeUpTime?

    init(from: String?, until: String?) throws(ValidationError) {
        self.from = try Self.read(from, option: "--from")
        self.until = try Self.read(until, option: "--until")
    }

    private static func read(_ text: String?, option: String) throws(ValidationError) -> WakeUpTime? {
        guard let text else { return nil }
        do {
            return try WakeUpTime(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    /// The instants, asking the daemon only for what they depend on: its now
    /// (`GET /healthz`, which judges `from` against the event's time) for a
    /// date or a duration, and the rep's time zone (`GET /v1/reps`) for a date
    /// or days and weeks; a rep without one is read in the shipped calendar's.
    func resolve(for rep: String, with client: DaemonClient) async throws(CtlError) -> (from: Instant?, until: Instant?) {
        let times = [from, until].compactMap { $0 }
        let exact = times.allSatisfy { if case .instant = $0 { true } else { false } }
        guard !exact else { return (Self.instant(from), Self.instant(until)) }
        let now = try HealthBody(answer: try await client.get("/healthz")).now
        var zone = ZoneRules.utc
        if times.contains(where: \.dependsOnZone) {
            let roster = try RepsBody(answer: try await client.get("/v1/reps"))
            let zoneID = roster.reps.first { $0.id == rep }?.timezone ?? SnoozeCommand.fallbackZone
            guard let rules = ZoneCatalog.shared.rules(for: zoneID) else {
                throw CtlError("the rep's time zone \(zoneID) is not known here; give RFC 3339 times", field: "timezone")
            }
            zone = rules
        }
        return (from?.resolve(now: now, zone: zone), until?.resolve(now: now, zone: zone))
    }

    private static func instant(_ time: WakeUpTime?) -> Instant? {
        if case .instant(let at)? = time { return at }
        return nil
    }
}
