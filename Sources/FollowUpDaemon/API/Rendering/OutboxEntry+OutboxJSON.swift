import FollowUpCore
import FollowUpFormats
import FollowUpWire

extension OutboxEntry {
    /// One row of `GET /v1/outbox`: the notification, its receiver and where
    /// delivery stands (with the fallback that delivered it, if one did).
    func writeOutboxJSON(to w: inout JSONWriter) {
        let n = notification
        w.beginObject()
        w.string("id", n.id)
        w.string("lead", n.lead)
        w.string("kind", n.kind.rawValue)
        w.instant("at", n.at)
        w.string("to", n.to)
        w.string("receiver", receiver)
        w.string("state", state.rawValue)
        w.int("attempts", attempts)
        w.stringOrNull("last_error", lastError)
        w.instantOrNull("next_attempt_at", state == .pending ? nextAttemptAt : nil)
        w.instant("created_at", createdAt)
        w.instantOrNull("requeued_at", requeuedAt)
        w.instantOrNull("delivered_at", deliveredAt)
        w.stringOrNull("via", via)
        w.endObject()
    }
}
