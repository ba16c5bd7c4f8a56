import FollowUpCore
import FollowUpFormats

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
        var entries: [Entry] = []
        for item in (reply["events"] ?? .null).items {
            let seq = item["seq"].shown
            guard let body = item["event"] else { throw CtlError("event #\(seq) from the daemon has no \"event\"") }
            do throws(EventError) {
                entries.append(Entry(seq: seq, source: item["source"].shown, event: try EventDecoder.decode(body)))
            } catch {
                throw CtlError("event #\(seq) from the daemon does not decode: \(error)")
            }
        }
        return StoredLeadEvents(entries: entries)
    }
}
