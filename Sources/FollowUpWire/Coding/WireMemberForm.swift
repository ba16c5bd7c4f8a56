public import FollowUpCore

/// A member whose place on the wire is not a plain `"name": value`: members
/// lent inline (``Inline``) or a member left out when it has no value
/// (``OmittedWhenNil``). The body coder asks the member itself.
protocol WireMemberForm {
    /// Writes the member named `key` into `encoder`'s open object.
    func encodeMember(key: String?, into encoder: WireBodyEncoder) throws

    /// Reads member `name` of `object`.
    init(member name: String, of object: WireObject) throws
}

/// A body whose members are written inline, beside its holder's own (the
/// status answer carries the health answer's members, a queue a rep's standing).
@propertyWrapper
public struct Inline<Body: WireBody>: WireMemberForm, Hashable, Sendable {
    public var wrappedValue: Body

    public init(wrappedValue: Body) { self.wrappedValue = wrappedValue }

    func encodeMember(key: String?, into encoder: WireBodyEncoder) throws {
        wrappedValue.writeMembers(to: &encoder.sink.writer)
    }

    init(member name: String, of object: WireObject) throws {
        wrappedValue = try Body(reading: object)
    }
}

/// Inline members in any other format are the body's members, in the holder's container.
extension Inline: Codable where Body: Codable {
    public init(from decoder: any Decoder) throws { wrappedValue = try Body(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}

/// A member the API leaves out when it has no value (a reader's `timezone`,
/// a single node's `node`); read as nil when absent or `null`.
@propertyWrapper
public struct OmittedWhenNil<Value: Codable & Hashable & Sendable>: WireMemberForm, Codable, Hashable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encodeMember(key: String?, into encoder: WireBodyEncoder) throws {
        if let wrappedValue { try encoder.write(wrappedValue, key: key) }
    }

    init(member name: String, of object: WireObject) throws {
        wrappedValue = object.has(name)
            ? try WireBodyDecoder.read(Value.self, from: object.value(name) ?? .null, field: object.field(name)) : nil
    }

    public init(from decoder: any Decoder) throws { wrappedValue = try Value?(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}

/// A decimal kept as written and written as a JSON number (`87.5`, a
/// percentage; `1500.00`, an amount), so a figure goes out with the digits
/// the report computed; `null` when there is nothing to divide.
@propertyWrapper
public struct NumberText<Text: NumberTextForm>: WireValue, Hashable, Sendable {
    public var wrappedValue: Text

    public init(wrappedValue: Text) { self.wrappedValue = wrappedValue }

    public var wireValue: JSONValue { wrappedValue.digits.map(JSONValue.number) ?? .null }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        let digits: String?
        switch value {
        case .number(let text): digits = text
        case .null: digits = nil
        default: throw .mismatch(field, expected: "a number", got: value)
        }
        guard let text = Text(digits: digits) else { throw .mismatch(field, expected: "a number", got: value) }
        wrappedValue = text
    }

    public init(from decoder: any Decoder) throws { wrappedValue = try Text(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}

/// What ``NumberText`` holds: a `String`, or a `String?` for a figure that may be `null`.
public protocol NumberTextForm: Codable, Hashable, Sendable {
    var digits: String? { get }
    init?(digits: String?)
}

extension String: NumberTextForm {
    public var digits: String? { self }
    public init?(digits: String?) {
        guard let digits else { return nil }
        self = digits
    }
}

extension Optional: NumberTextForm where Wrapped == String {
    public var digits: String? { self }
    public init?(digits: String?) { self = digits }
}
