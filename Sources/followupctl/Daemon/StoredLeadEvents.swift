import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// A lead's events as `GET /v1/leads/{id}/events` exports them (its own,
/// those of leads merged into it, and every rep event, in the order the
/// daemon applied them), decoded for a replay.
struct StoredLeadEvents {
    /// One row of the daemon's event log.
    struct Entry {
        var seq: String
        var source: String
        var event: Event
        /// `event #12 from api`, where `explain` says the event came from.
        var origin: String { "event #\(seq) from \(source)" }
    }

    var entries: [Entry]

    /// Reads the lead's events; an unknown lead is the daemon's 404 (`field: id`).
    static func fetch(_ lead: LeadID, client: DaemonClient) async throws(CtlError) -> StoredLeadEvents {
        let reply = try await client.get("/v1/leads/\(URIComponent.encode(lead))/events")
        // Each event is read as the daemon's decoder reads it; one that does not is named by its place.
        let entries = try LeadEventsBody(answer: reply).events.map { logged in
            Entry(seq: String(logged.seq), source: logged.source, event: logged.event)
        }
        return StoredLeadEvents(entries: entries)
    }
}
