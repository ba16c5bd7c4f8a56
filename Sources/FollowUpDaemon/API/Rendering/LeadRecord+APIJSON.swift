import FollowUpCore
import FollowUpFormats

extension LeadRecord {
    /// `GET /v1/leads/{id}`: the lead, its pending timers, every event that
    /// named it (as received) and every notification minted for it with its
    /// delivery state, oldest first. `rules`: see ``LeadState/writeAPIJSON(to:key:rules:)``.
    /// `reader`: the owner's zone and the daemon's now, written as `timezone`
    /// and `at` so a client can show the UTC times on the owner's clock.
    func writeAPIJSON(to w: inout JSONWriter, rules: Rules? = nil, reader: (zone: String, now: Instant)? = nil) {
        w.beginObject()
        if let reader {
            w.instant("at", reader.now)
            w.string("timezone", reader.zone)
        }
        state.writeAPIJSON(to: &w, key: "lead", rules: rules)
        w.beginArray("timers")
        for timer in timers {
            w.beginObject()
            w.string("kind", timer.kind.code)
            w.instant("at", timer.at)
            w.endObject()
        }
        w.endArray()
        w.beginArray("events")
        // `Event.write(to:)` writes a keyless object, so each entry is written
        // apart and spliced in; the event keeps the input format's member order.
        for (i, logged) in events.enumerated() {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.bytes.append(contentsOf: logged.apiJSON)
        }
        w.endArray()
        w.beginArray("notifications")
        for entry in notifications { entry.writeAPIJSON(to: &w) }
        w.endArray()
        w.endObject()
    }
}

extension OutboxEntry {
    /// One notification with where it stands with its receiver.
    func writeAPIJSON(to w: inout JSONWriter) {
        let n = notification
        w.beginObject()
        w.string("id", n.id)
        w.instant("at", n.at)
        w.string("kind", n.kind.rawValue)
        w.string("to", n.to)
        w.intOrNull("step", n.step)
        w.stringOrNull("channel", n.channel?.rawValue)
        w.instantOrNull("deadline", n.deadline)
        w.stringOrNull("reason", n.reason?.rawValue)
        w.string("receiver", receiver)
        w.string("state", state.rawValue)
        w.int("attempts", attempts)
        w.stringOrNull("last_error", lastError)
        w.instantOrNull("next_attempt_at", state == .pending ? nextAttemptAt : nil)
        w.instantOrNull("delivered_at", deliveredAt)
        w.endObject()
    }
}

extension LoggedEvent {
    /// `{"seq":12,"source":"api","received_at":"…","event":{…as received…}}`.
    var apiJSON: [UInt8] {
        var entry = JSONWriter()
        entry.beginObject()
        entry.int64("seq", seq)
        entry.string("source", source)
        entry.instant("received_at", receivedAt)
        entry.endObject()
        var event = JSONWriter()
        self.event.write(to: &event)
        var out = entry.bytes.dropLast()  // reopen the object to add the event
        out.append(contentsOf: Array(",\"event\":".utf8))
        out.append(contentsOf: event.bytes)
        out.append(UInt8(ascii: "}"))
        return Array(out)
    }
}
