public import FollowUpCore
import FollowUpFormats

/// A JSON object being read as a ``WireBody``, with its path from the top of
/// the answer so every error names the member (`leads[3].step.deadline`).
///
/// Every member is required: the API writes each documented member, `null`
/// when it has no value, so a member under another name reads as missing
/// instead of as "no value". `nullable…` readers accept `null`; `optional…`
/// readers also accept the member's absence, for the few members the API
/// leaves out when they do not apply (an error's `field`, a reader's `timezone`).
public struct WireObject: Sendable {
    /// The object's members.
    public let object: JSONObject
    /// Where the object is (`lead.step`); empty at the top.
    public let path: String

    /// Reads `value` as an object at `path`.
    /// - Throws: ``WireError`` when `value` is not an object.
    public init(_ value: JSONValue, path: String) throws(WireError) {
        guard case .object(let object) = value else {
            throw WireError(field: path, message: "expected an object, got \(value.typeDescription)")
        }
        self.object = object
        self.path = path
    }

    /// The path of member `key`.
    public func field(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Member `key` as given; nil when absent.
    public func value(_ key: String) -> JSONValue? { object[key] }

    /// Whether member `key` is present and not `null`.
    public func has(_ key: String) -> Bool {
        guard let value = object[key] else { return false }
        return value != .null
    }

    /// Whether member `key` is `null`; throws when it is missing.
    private func isNull(_ key: String) throws(WireError) -> Bool {
        try required(key) == .null
    }

    /// A string member that may be left out.
    public func optionalString(_ key: String) throws(WireError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// A whole-number member that may be left out.
    public func optionalInt(_ key: String) throws(WireError) -> Int? {
        has(key) ? try int(key) : nil
    }

    /// A time member that may be left out.
    public func optionalInstant(_ key: String) throws(WireError) -> Instant? {
        has(key) ? try instant(key) : nil
    }

    private func required(_ key: String) throws(WireError) -> JSONValue {
        guard let value = object[key] else { throw WireError(field: field(key), message: "missing") }
        return value
    }

    private func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> WireError {
        WireError(field: field(key), message: "expected \(expected), got \(value.typeDescription)")
    }

    /// A string member.
    public func string(_ key: String) throws(WireError) -> String {
        let value = try required(key)
        guard case .string(let text) = value else { throw mismatch(key, "a string", value) }
        return text
    }

    /// A string member, or nil for `null`.
    public func nullableString(_ key: String) throws(WireError) -> String? {
        try isNull(key) ? nil : try string(key)
    }

    /// A whole-number member.
    public func int(_ key: String) throws(WireError) -> Int {
        let value = try required(key)
        guard case .number(let text) = value, let number = Int(text) else { throw mismatch(key, "an integer", value) }
        return number
    }

    /// A whole-number member, or nil for `null`.
    public func nullableInt(_ key: String) throws(WireError) -> Int? {
        try isNull(key) ? nil : try int(key)
    }

    /// A 64-bit whole number (event log sequence numbers).
    public func int64(_ key: String) throws(WireError) -> Int64 {
        let value = try required(key)
        guard case .number(let text) = value, let number = Int64(text) else { throw mismatch(key, "an integer", value) }
        return number
    }

    /// A 64-bit whole number, or nil for `null`.
    public func nullableInt64(_ key: String) throws(WireError) -> Int64? {
        try isNull(key) ? nil : try int64(key)
    }

    /// A number member with a fraction (`0.25`), or nil for `null`.
    public func nullableDouble(_ key: String) throws(WireError) -> Double? {
        guard try !isNull(key) else { return nil }
        let value = try required(key)
        guard case .number(let text) = value, let number = Double(text) else { throw mismatch(key, "a number", value) }
        return number
    }

    /// A decimal number kept as written (`1500.00`, an amount).
    public func numberText(_ key: String) throws(WireError) -> String {
        let value = try required(key)
        guard case .number(let text) = value else { throw mismatch(key, "a number", value) }
        return text
    }

    /// A decimal number kept as written (`37.5`, a percentage), or nil for `null`.
    public func nullableNumberText(_ key: String) throws(WireError) -> String? {
        guard try !isNull(key) else { return nil }
        let value = try required(key)
        guard case .number(let text) = value else { throw mismatch(key, "a number", value) }
        return text
    }

    /// A money amount written as a number (`1500.00`), or nil for `null`.
    public func nullableAmount(_ key: String) throws(WireError) -> Amount? {
        guard try !isNull(key) else { return nil }
        let value = try required(key)
        guard case .number(let text) = value, let amount = Amount(parsing: text) else {
            throw mismatch(key, "an amount", value)
        }
        return amount
    }

    /// A boolean member.
    public func bool(_ key: String) throws(WireError) -> Bool {
        let value = try required(key)
        guard case .bool(let flag) = value else { throw mismatch(key, "true or false", value) }
        return flag
    }

    /// A time member, `YYYY-MM-DDTHH:MM:SSZ`.
    public func instant(_ key: String) throws(WireError) -> Instant {
        let value = try required(key)
        guard case .string(let text) = value, let instant = RFC3339.parse(text) else {
            throw mismatch(key, "an RFC 3339 time", value)
        }
        return instant
    }

    /// A time member, or nil for `null`.
    public func nullableInstant(_ key: String) throws(WireError) -> Instant? {
        try isNull(key) ? nil : try instant(key)
    }

    /// A string member that must be one of `T`'s raw values (a lead status, an outbox state).
    public func word<T: RawRepresentable>(_ key: String, as type: T.Type = T.self) throws(WireError) -> T
    where T.RawValue == String {
        let text = try string(key)
        guard let word = T(rawValue: text) else { throw WireError(field: field(key), message: "unknown value \"\(text)\"") }
        return word
    }

    /// An optional word, nil for `null`.
    public func nullableWord<T: RawRepresentable>(_ key: String, as type: T.Type = T.self) throws(WireError) -> T?
    where T.RawValue == String {
        try isNull(key) ? nil : try word(key, as: type)
    }

    /// An array of strings.
    public func strings(_ key: String) throws(WireError) -> [String] {
        try elements(key).enumerated().map { element throws(WireError) in
            guard case .string(let text) = element.element else {
                throw WireError(field: "\(field(key))[\(element.offset)]",
                                message: "expected a string, got \(element.element.typeDescription)")
            }
            return text
        }
    }

    /// An object member, to read its members (`error.message`).
    public func object(_ key: String) throws(WireError) -> WireObject {
        try WireObject(try required(key), path: field(key))
    }

    /// An object member read as `T`.
    public func body<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(WireError) -> T {
        try T(reading: WireObject(try required(key), path: field(key)))
    }

    /// An object member read as `T`, or nil for `null`.
    public func nullableBody<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(WireError) -> T? {
        try isNull(key) ? nil : try body(key, as: type)
    }

    /// An array of objects, each read as `T`.
    public func bodies<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(WireError) -> [T] {
        try elements(key).enumerated().map { element throws(WireError) in
            try T(reading: WireObject(element.element, path: "\(field(key))[\(element.offset)]"))
        }
    }

    /// An object of free-form members (a lead's unknown fields), as given.
    public func attributes(_ key: String) throws(WireError) -> [String: JSONValue] {
        let value = try required(key)
        guard case .object(let members) = value else { throw mismatch(key, "an object", value) }
        return members.dictionary
    }

    /// Counts by a closed set of names (`{"open":3,"won":1,…}`), every name required.
    public func counts<T: RawRepresentable & CaseIterable & Hashable>(_ key: String, as type: T.Type = T.self)
    throws(WireError) -> [T: Int] where T.RawValue == String {
        let counts = try object(key)
        var out: [T: Int] = [:]
        for name in T.allCases { out[name] = try counts.int(name.rawValue) }
        return out
    }

    /// An event in the input format (docs/events.md), read as the daemon's decoder reads it.
    public func event(_ key: String) throws(WireError) -> Event {
        let value = try required(key)
        do throws(EventError) {
            return try EventDecoder.decode(value)
        } catch {
            throw WireError(field: error.field.isEmpty ? field(key) : "\(field(key)).\(error.field)", message: error.message)
        }
    }

    private func elements(_ key: String) throws(WireError) -> [JSONValue] {
        let value = try required(key)
        guard case .array(let items) = value else { throw mismatch(key, "an array", value) }
        return items
    }
}
