import FollowUpCore

/// The few columns that hold JSON: profile attributes, a lead's "has had"
/// list and its notification counters. Written with the core's JSONWriter and
/// read with its JSONParser (not Foundation's coders), because every event
/// writes a lead row and these are on that path.
enum JSONColumns {
    /// Attributes as a JSON object with members sorted by name; nil (NULL) when there are none.
    static func attributes(_ attributes: [String: JSONValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var w = JSONWriter()
        w.value(nil, .object(JSONObject(attributes)))
        return w.text
    }

    /// Reads ``attributes(_:)`` back.
    static func attributes(_ text: String?) throws(JSONColumnError) -> [String: JSONValue] {
        guard let text else { return [:] }
        guard case .object(let o) = try parse(text) else { throw JSONColumnError("attributes: expected a JSON object") }
        return o.dictionary
    }

    /// Rep ids as a JSON array of strings, in order.
    static func repIDs(_ ids: [RepID]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for id in ids { w.string(nil, id) }
        w.endArray()
        return w.text
    }

    /// Reads ``repIDs(_:)`` back.
    static func repIDs(_ text: String) throws(JSONColumnError) -> [RepID] {
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
    static func counters(_ counters: [NotificationCounter]) -> String {
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
    static func counters(_ text: String) throws(JSONColumnError) -> [NotificationCounter] {
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

    private static func parse(_ text: String) throws(JSONColumnError) -> JSONValue {
        do throws(JSONParser.Failure) {
            return try JSONParser.parse(text)
        } catch {
            throw JSONColumnError(error.description)
        }
    }
}

/// A JSON column that does not read back.
struct JSONColumnError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
