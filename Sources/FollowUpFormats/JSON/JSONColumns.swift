public import FollowUpCore

/// The few store columns that hold JSON: profile attributes, a lead's "has had"
/// list and its notification counters, a rep's planned change, weighted
/// totals. Written with the core's JSONWriter and read with its JSONParser
/// (not Foundation's coders), because every event writes a lead row and these
/// are on that path. In the formats module so that every store (SQLite, PostgreSQL)
/// writes the same text.
public enum JSONColumns {
    /// Attributes as a JSON object with members sorted by name; nil (NULL) when there are none.
    public static func attributes(_ attributes: [String: JSONValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var w = JSONWriter()
        w.value(nil, .object(JSONObject(attributes)))
        return w.text
    }

    /// Reads ``attributes(_:)`` back.
    public static func attributes(_ text: String?) throws(JSONColumnError) -> [String: JSONValue] {
        guard let text else { return [:] }
        guard case .object(let o) = try parse(text) else { throw JSONColumnError("attributes: expected a JSON object") }
        return o.dictionary
    }

    /// Rep ids as a JSON array of strings, in order.
    public static func repIDs(_ ids: [RepID]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for id in ids { w.string(nil, id) }
        w.endArray()
        return w.text
    }

    /// Reads ``repIDs(_:)`` back.
    public static func repIDs(_ text: String) throws(JSONColumnError) -> [RepID] {
        guard case .array(let items) = try parse(text) else { throw JSONColumnError("had: expected a JSON array") }
        var ids: [RepID] = []
        ids.reserveCapacity(items.count)
        for item in items {
            guard case .string(let id) = item else { throw JSONColumnError("had: expected rep ids") }
            ids.append(id)
        }
        return ids
    }

    /// Counters as `[[kind, step, count], …]`, in the order they were first minted
    /// (the order is part of ``LeadState``'s value).
    public static func counters(_ counters: [NotificationCounter]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for c in counters {
            w.beginArray()
            w.string(nil, c.kind.rawValue)
            w.int(nil, c.step)
            w.int(nil, c.count)
            w.endArray()
        }
        w.endArray()
        return w.text
    }

    /// Reads ``counters(_:)`` back.
    public static func counters(_ text: String) throws(JSONColumnError) -> [NotificationCounter] {
        guard case .array(let items) = try parse(text) else { throw JSONColumnError("counters: expected a JSON array") }
        var out: [NotificationCounter] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .array(let parts) = item, parts.count == 3,
                  case .string(let raw) = parts[0], let kind = NotificationKind(rawValue: raw),
                  case .number(let s) = parts[1], let step = Int(s),
                  case .number(let n) = parts[2], let count = Int(n)
            else { throw JSONColumnError("counters: expected [kind, step, count] items") }
            out.append(NotificationCounter(kind: kind, step: step, count: count))
        }
        return out
    }

    /// A planned availability change as `{"available":…,"until":…,"reason":…,"from":…}`.
    public static func availability(_ a: Availability) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.bool("available", a.available)
        if let until = a.until { w.instant("until", until) }
        if let reason = a.reason { w.string("reason", reason) }
        if let from = a.from { w.instant("from", from) }
        w.endObject()
        return w.text
    }

    /// Reads ``availability(_:)`` back.
    public static func availability(_ text: String) throws(JSONColumnError) -> Availability {
        let value = try parse(text)
        guard case .bool(let available)? = value["available"] else { throw JSONColumnError("scheduled: expected an availability") }
        func instant(_ key: String) -> Instant? {
            if case .string(let s)? = value[key] { RFC3339.parse(s) } else { nil }
        }
        var reason: String?
        if case .string(let s)? = value["reason"] { reason = s }
        return Availability(available: available, until: instant("until"), reason: reason, from: instant("from"))
    }

    /// Weighted round robin's running totals as `{"rep":total,…}` (keys sorted: the same totals write the same text).
    public static func totals(_ totals: [RepID: Int]) -> String {
        var w = JSONWriter()
        w.beginObject()
        for rep in totals.keys.sorted() { w.int(rep, totals[rep]!) }
        w.endObject()
        return w.text
    }

    /// Reads ``totals(_:)`` back.
    public static func totals(_ text: String?) throws(JSONColumnError) -> [RepID: Int] {
        guard let text, case .object(let o) = try parse(text) else {
            throw JSONColumnError("expected a JSON object of totals")
        }
        var out: [RepID: Int] = [:]
        for (rep, value) in o.dictionary {
            guard case .number(let n) = value, let total = Int(n) else {
                throw JSONColumnError("expected a whole number for \(rep)")
            }
            out[rep] = total
        }
        return out
    }

    private static func parse(_ text: String) throws(JSONColumnError) -> JSONValue {
        do throws(JSONParser.Failure) {
            return try JSONParser.parse(text)
        } catch {
            throw JSONColumnError(error.description)
        }
    }
}

/// A JSON column that does not read back.
public struct JSONColumnError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
