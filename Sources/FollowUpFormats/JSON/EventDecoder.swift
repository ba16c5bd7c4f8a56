public import FollowUpCore
/// Turns DESIGN.md's event JSON into ``Event`` values, rejecting malformed
/// values with an ``Diagnostic`` that names the field, and keeping unknown
/// fields as attributes.
public enum EventDecoder {
    /// Decodes one event line (UTF-8 bytes).
    ///
    /// - Parameter defaultAt: the instant to use when `at` is absent (the API
    ///   passes now); nil makes `at` required (files).
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, defaultAt: Instant? = nil) throws(Diagnostic) -> Event {
        let value: JSONValue
        do throws(JSONParser.Failure) {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Diagnostic(field: "", message: error.description)
        }
        return try decode(value, defaultAt: defaultAt)
    }

    /// Decodes one event line held in a string.
    public static func decode(_ text: String, defaultAt: Instant? = nil) throws(Diagnostic) -> Event {
        var text = text
        let result: Result<Event, Diagnostic> = text.withUTF8 { buffer in
            do throws(Diagnostic) { return .success(try decode(buffer, defaultAt: defaultAt)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Decodes an already parsed JSON value.
    public static func decode(_ value: JSONValue, defaultAt: Instant? = nil) throws(Diagnostic) -> Event {
        guard case .object(let o) = value else {
            throw Diagnostic(field: "", message: "an event must be a JSON object, got \(value.typeDescription)")
        }
        var fields = Fields(o, path: "")
        let type = try fields.requiredString("type")
        let at: Instant
        if let given = try fields.optionalInstant("at") {
            at = given
        } else if let defaultAt {
            at = defaultAt
        } else {
            throw Diagnostic(field: "at", message: "missing (an RFC 3339 time such as 2026-11-24T20:00:00Z)")
        }
        let body: Event.Body
        switch type {
        case "rep.upserted":
            body = .repUpserted(try rep(fields.requiredObject("rep"), path: "rep"))
        case "rep.availability":
            let id = try fields.requiredID("rep")
            let available = try fields.requiredBool("available")
            let until = try fields.optionalInstant("until")
            let reason = try fields.optionalString("reason")
            let from = try fields.optionalInstant("from")
            if let from, from <= at {
                throw Diagnostic(field: "from", message: "\(from) is not after the event's time \(at); leave `from` out for a change now")
            }
            if let from, let until, !available, until <= from {
                throw Diagnostic(field: "until", message: "\(until) is not after `from` (\(from))")
            }
            body = .repAvailability(rep: id, Availability(available: available, until: available ? nil : until,
                                                          reason: reason, from: from))
        case "lead.captured":
            body = .leadCaptured(try lead(fields.requiredObject("lead"), path: "lead"))
        case "touch.logged":
            let leadID = try fields.requiredID("lead")
            let rep = try fields.requiredID("rep")
            let channel: Channel = try fields.requiredEnum("channel")
            let outcome: Outcome = try fields.requiredEnum("outcome")
            body = .touchLogged(Touch(lead: leadID, rep: rep, channel: channel, outcome: outcome))
        case "lead.activity":
            body = .leadActivity(lead: try fields.requiredID("lead"), action: try fields.requiredName("action"))
        case "lead.status":
            let leadID = try fields.requiredID("lead")
            let raw = try fields.requiredString("status")
            guard let status = LeadStatus(rawValue: raw), LeadStatus.settable.contains(status) else {
                throw Diagnostic(field: "status", message: "must be one of won, lost, disqualified, got \"\(raw)\"")
            }
            let value = try fields.optionalAmount("value")
            if value != nil, status != .won {
                throw Diagnostic(field: "value", message: "only a won lead has a value (the deal's amount), not a \(status.rawValue) one")
            }
            body = .leadStatus(lead: leadID, status, value: value)
        case "lead.reassigned":
            body = .leadReassigned(lead: try fields.requiredID("lead"), owner: try fields.requiredID("owner"))
        case "lead.snoozed":
            let leadID = try fields.requiredID("lead")
            guard let until = try fields.optionalInstant("until") else {
                throw Diagnostic(field: "until", message: "missing (an RFC 3339 time after `at`, when the lead wakes)")
            }
            guard until > at else {
                throw Diagnostic(field: "until", message: "\(until) is not after the event's time \(at); a snooze ends in the future")
            }
            body = .leadSnoozed(Snooze(lead: leadID, until: until, rep: try fields.optionalID("rep"),
                                       reason: try fields.optionalString("reason")))
        case "lead.accepted":
            body = .leadAccepted(lead: try fields.requiredID("lead"), rep: try fields.requiredID("rep"))
        case "lead.declined":
            body = .leadDeclined(lead: try fields.requiredID("lead"), rep: try fields.requiredID("rep"),
                                 reason: try fields.optionalString("reason"))
        case "rep.deactivated":
            body = .repDeactivated(rep: try fields.requiredID("rep"))
        case "lead.updated":
            body = .leadUpdated(try update(fields.requiredObject("lead"), path: "lead"))
        case "lead.merged":
            let survivor = try fields.requiredID("lead")
            let duplicate = try fields.requiredID("duplicate")
            guard duplicate != survivor else {
                throw Diagnostic(field: "duplicate", message: "a lead cannot be merged into itself")
            }
            body = .leadMerged(lead: survivor, duplicate: duplicate)
        default:
            throw Diagnostic(field: "type", message: "unknown event type \"\(type)\" (known: \(Event.Body.types.joined(separator: ", ")))")
        }
        return Event(at: at, body: body, attributes: fields.rest)
    }

    static func rep(_ o: JSONObject, path: String) throws(Diagnostic) -> Rep {
        var f = Fields(o, path: path)
        let id = try f.requiredID("id")
        let rep = Rep(id: id, name: try f.optionalString("name"), email: try f.optionalEmail("email"),
                      team: try f.optionalName("team"), backup: try f.optionalID("backup"),
                      timezone: try f.optionalZone("timezone"),
                      weight: try f.optionalInt("weight", in: InputBounds.repWeight),
                      capacity: try f.optionalInt("capacity", in: InputBounds.repCapacity), attributes: [:])
        var result = rep
        result.attributes = f.rest
        return result
    }

    static func lead(_ o: JSONObject, path: String) throws(Diagnostic) -> LeadProfile {
        var f = Fields(o, path: path)
        let id = try f.requiredID("id")
        let source = try f.optionalName("source") ?? "unknown"
        var lead = try profileFields(&f, of: id).applied(to: LeadProfile(id: id, source: source))
        lead.owner = try f.optionalID("owner")
        lead.team = try f.optionalName("team")
        lead.score = try f.optionalInt("score", in: InputBounds.score)
        lead.priority = try f.optionalString("priority")
        lead.attributes = f.rest
        return lead
    }

    /// `lead.updated`'s `lead`: the profile fields it names; `owner`, `score`
    /// and `priority` are refused (a manager reassigns, activities score).
    static func update(_ o: JSONObject, path: String) throws(Diagnostic) -> LeadUpdate {
        var f = Fields(o, path: path)
        let id = try f.requiredID("id")
        for refused in ["owner", "score", "priority"] where o[refused] != nil {
            throw Diagnostic(field: f.path(refused), message: "cannot be changed by lead.updated "
                             + (refused == "owner" ? "(use lead.reassigned)" : refused == "score" ? "(activities score)" : "(triage decides it)"))
        }
        var update = try profileFields(&f, of: id)
        update.source = try f.optionalName("source")
        update.attributes = f.rest
        return update
    }

    /// The profile fields a capture and an update share, read and checked alike.
    private static func profileFields(_ f: inout Fields, of id: LeadID) throws(Diagnostic) -> LeadUpdate {
        var u = LeadUpdate(lead: id)
        u.name = try f.optionalString("name")
        u.email = try f.optionalEmail("email")
        u.phone = try f.optionalString("phone")
        u.company = try f.optionalString("company")
        u.title = try f.optionalString("title")
        u.companySize = try f.optionalInt("company_size", in: InputBounds.companySize)
        if let need = try f.optionalString("need") {
            guard need == "new" || need == "current" else {
                throw Diagnostic(field: f.path("need"), message: "must be \"new\" or \"current\", got \"\(need)\"")
            }
            u.need = need
        }
        u.stage = try f.optionalString("stage")
        u.timezone = try f.optionalZone("timezone")
        return u
    }
}
