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
    /// - Throws: ``Diagnostic`` when `value` is not an object.
    public init(_ value: JSONValue, path: String) throws(Diagnostic) {
        guard case .object(let object) = value else {
            throw Diagnostic(field: path, message: "expected an object, got \(value.typeDescription)")
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

    /// Member `key`; throws when it is missing.
    func required(_ key: String) throws(Diagnostic) -> JSONValue {
        guard let value = object[key] else { throw Diagnostic(field: field(key), message: "missing") }
        return value
    }

    /// A member of one JSON value (a string, a number, a time, a word); the type says which.
    public func member<T: WireValue>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> T {
        try T(wireValue: try required(key), field: field(key))
    }

    /// A member, or nil for `null`.
    public func nullable<T: WireValue>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> T? {
        try required(key) == .null ? nil : try member(key, as: type)
    }

    /// A member that may be left out (absent or `null`: nil).
    public func optional<T: WireValue>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> T? {
        has(key) ? try member(key, as: type) : nil
    }

    /// An object member, to read its members (`error.message`).
    public func object(_ key: String) throws(Diagnostic) -> WireObject {
        try WireObject(try required(key), path: field(key))
    }

    /// An object member read as `T`.
    public func body<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> T {
        try T(reading: WireObject(try required(key), path: field(key)))
    }

    /// An object member read as `T`, or nil for `null`.
    public func nullableBody<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> T? {
        try required(key) == .null ? nil : try body(key, as: type)
    }

    /// An array of objects, each read as `T`.
    public func bodies<T: WireBody>(_ key: String, as type: T.Type = T.self) throws(Diagnostic) -> [T] {
        try elements(key).enumerated().map { element throws(Diagnostic) in
            try T(reading: WireObject(element.element, path: "\(field(key))[\(element.offset)]"))
        }
    }

    /// Counts by a closed set of names (`{"open":3,"won":1,…}`), every name required.
    public func counts<T: RawRepresentable & CaseIterable & Hashable>(_ key: String, as type: T.Type = T.self)
    throws(Diagnostic) -> [T: Int] where T.RawValue == String {
        let counts = try object(key)
        var out: [T: Int] = [:]
        for name in T.allCases { out[name] = try counts.member(name.rawValue, as: Int.self) }
        return out
    }

    /// An event in the input format (docs/events.md), read as the daemon's decoder reads it.
    public func event(_ key: String) throws(Diagnostic) -> Event {
        let value = try required(key)
        do throws(Diagnostic) {
            return try EventDecoder.decode(value)
        } catch {
            throw Diagnostic(field: error.field.isEmpty ? field(key) : "\(field(key)).\(error.field)", message: error.message)
        }
    }

    private func elements(_ key: String) throws(Diagnostic) -> [JSONValue] {
        let value = try required(key)
        guard case .array(let items) = value else { throw .mismatch(field(key), expected: "an array", got: value) }
        return items
    }
}
