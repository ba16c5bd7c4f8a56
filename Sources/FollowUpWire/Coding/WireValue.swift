public import FollowUpCore

/// A member's value the API writes as one JSON value (a string, a number, a
/// time, a word). The body coder (``WireBodyEncoder``, ``WireBodyDecoder``)
/// reads and writes these itself, so each type's wire form and the message for
/// a value of the wrong type are spelled once, here, for every body.
public protocol WireValue: Codable {
    /// The value as the API writes it.
    var wireValue: JSONValue { get }

    /// Reads the value; `field` is the member's path, for the error.
    /// - Throws: ``Diagnostic`` naming `field` when `value` is of the wrong type.
    init(wireValue value: JSONValue, field: String) throws(Diagnostic)
}

extension Diagnostic {
    /// `expected an integer, got a string`, at `field`.
    static func mismatch(_ field: String, expected: String, got value: JSONValue) -> Diagnostic {
        Diagnostic(field: field, message: "expected \(expected), got \(value.typeDescription)")
    }
}

extension String: WireValue {
    public var wireValue: JSONValue { .string(self) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .string(let text) = value else { throw .mismatch(field, expected: "a string", got: value) }
        self = text
    }
}

extension Int: WireValue {
    public var wireValue: JSONValue { .number(String(self)) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .number(let text) = value, let number = Int(text) else {
            throw .mismatch(field, expected: "an integer", got: value)
        }
        self = number
    }
}

/// Event log sequence numbers and durations in seconds.
extension Int64: WireValue {
    public var wireValue: JSONValue { .number(String(self)) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .number(let text) = value, let number = Int64(text) else {
            throw .mismatch(field, expected: "an integer", got: value)
        }
        self = number
    }
}

/// A number with a fraction (`0.25`); `null` when not finite, as JSON has no NaN.
extension Double: WireValue {
    public var wireValue: JSONValue { isFinite ? .number(String(self)) : .null }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .number(let text) = value, let number = Double(text) else {
            throw .mismatch(field, expected: "a number", got: value)
        }
        self = number
    }
}

extension Bool: WireValue {
    public var wireValue: JSONValue { .bool(self) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .bool(let flag) = value else { throw .mismatch(field, expected: "true or false", got: value) }
        self = flag
    }
}

/// A time, `YYYY-MM-DDTHH:MM:SSZ`.
extension Instant: WireValue {
    public var wireValue: JSONValue { .string(RFC3339.format(self)) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .string(let text) = value, let instant = RFC3339.parse(text) else {
            throw .mismatch(field, expected: "an RFC 3339 time", got: value)
        }
        self = instant
    }
}

/// Money written as a number (`1500.00`).
extension Amount: WireValue {
    public var wireValue: JSONValue { .number(description) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .number(let text) = value, let amount = Amount(parsing: text) else {
            throw .mismatch(field, expected: "an amount", got: value)
        }
        self = amount
    }
}

/// Free-form members (a lead's unknown fields), as given; written sorted by name.
extension Dictionary: WireValue where Key == String, Value == JSONValue {
    public var wireValue: JSONValue { .object(JSONObject(self)) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        guard case .object(let members) = value else { throw .mismatch(field, expected: "an object", got: value) }
        self = members.dictionary
    }
}
