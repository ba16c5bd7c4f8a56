public import FollowUpCore
extension LeadNotification {
    /// The notification as one JSON object in DESIGN.md's field order:
    /// `id, at, kind, lead, to, step, channel, deadline, reason, accept_by, action, score` (absent fields left out).
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.string("id", id)
        writer.instant("at", at)
        writer.string("kind", kind.rawValue)
        writer.string("lead", lead)
        writer.string("to", to)
        if let step { writer.int("step", step) }
        if let channel { writer.string("channel", channel.rawValue) }
        if let deadline { writer.instant("deadline", deadline) }
        if let reason { writer.string("reason", reason.rawValue) }
        if let acceptBy { writer.instant("accept_by", acceptBy) }
        if let action { writer.string("action", action) }
        if let score { writer.int("score", score) }
        writer.endObject()
    }

    /// The notification as a JSON line (no trailing newline).
    public var jsonLine: String {
        var w = JSONWriter()
        write(to: &w)
        return w.text
    }
}

extension Event {
    /// The event as a JSON object in the input format, attributes included, so
    /// the event log can replay it exactly; member `key`'s value when given.
    public func write(to w: inout JSONWriter, key: String? = nil) {
        w.beginObject(key)
        w.instant("at", at)
        w.string("type", type)
        switch body {
        case .repUpserted(let rep):
            w.beginObject("rep")
            w.string("id", rep.id)
            if let v = rep.name { w.string("name", v) }
            if let v = rep.email { w.string("email", v) }
            if let v = rep.team { w.string("team", v) }
            if let v = rep.backup { w.string("backup", v) }
            if let v = rep.timezone { w.string("timezone", v) }
            if let v = rep.weight { w.int("weight", v) }
            if let v = rep.capacity { w.int("capacity", v) }
            for k in rep.attributes.keys.sorted() { w.value(k, rep.attributes[k]!) }
            w.endObject()
        case .repAvailability(let rep, let a):
            w.string("rep", rep)
            w.bool("available", a.available)
            if let until = a.until { w.instant("until", until) }
            if let reason = a.reason { w.string("reason", reason) }
            if let from = a.from { w.instant("from", from) }
        case .leadCaptured(let l):
            w.beginObject("lead")
            w.string("id", l.id)
            w.string("source", l.source)
            if let v = l.name { w.string("name", v) }
            if let v = l.email { w.string("email", v) }
            if let v = l.phone { w.string("phone", v) }
            if let v = l.company { w.string("company", v) }
            if let v = l.title { w.string("title", v) }
            if let v = l.companySize { w.int("company_size", v) }
            if let v = l.need { w.string("need", v) }
            if let v = l.stage { w.string("stage", v) }
            if let v = l.timezone { w.string("timezone", v) }
            if let v = l.owner { w.string("owner", v) }
            if let v = l.team { w.string("team", v) }
            if let v = l.score { w.int("score", v) }
            if let v = l.priority { w.string("priority", v) }
            for k in l.attributes.keys.sorted() { w.value(k, l.attributes[k]!) }
            w.endObject()
        case .touchLogged(let t):
            w.string("lead", t.lead)
            w.string("rep", t.rep)
            w.string("channel", t.channel.rawValue)
            w.string("outcome", t.outcome.rawValue)
        case .leadActivity(let lead, let action):
            w.string("lead", lead)
            w.string("action", action)
        case .leadStatus(let lead, let status, let value):
            w.string("lead", lead)
            w.string("status", status.rawValue)
            if let value { w.value("value", .number(value.description)) }
        case .leadReassigned(let lead, let owner):
            w.string("lead", lead)
            w.string("owner", owner)
        case .leadSnoozed(let snooze):
            w.string("lead", snooze.lead)
            w.instant("until", snooze.until)
            if let rep = snooze.rep { w.string("rep", rep) }
            if let reason = snooze.reason { w.string("reason", reason) }
        case .leadAccepted(let lead, let rep):
            w.string("lead", lead)
            w.string("rep", rep)
        case .leadDeclined(let lead, let rep, let reason):
            w.string("lead", lead)
            w.string("rep", rep)
            if let reason { w.string("reason", reason) }
        case .repDeactivated(let rep):
            w.string("rep", rep)
        case .leadUpdated(let u):
            w.beginObject("lead")
            w.string("id", u.lead)
            if let v = u.source { w.string("source", v) }
            if let v = u.name { w.string("name", v) }
            if let v = u.email { w.string("email", v) }
            if let v = u.phone { w.string("phone", v) }
            if let v = u.company { w.string("company", v) }
            if let v = u.title { w.string("title", v) }
            if let v = u.companySize { w.int("company_size", v) }
            if let v = u.need { w.string("need", v) }
            if let v = u.stage { w.string("stage", v) }
            if let v = u.timezone { w.string("timezone", v) }
            for k in u.attributes.keys.sorted() { w.value(k, u.attributes[k]!) }
            w.endObject()
        case .leadMerged(let lead, let duplicate):
            w.string("lead", lead)
            w.string("duplicate", duplicate)
        }
        for k in attributes.keys.sorted() { w.value(k, attributes[k]!) }
        w.endObject()
    }

    /// The event as a JSON line.
    public var jsonLine: String {
        var w = JSONWriter()
        write(to: &w)
        return w.text
    }
}
