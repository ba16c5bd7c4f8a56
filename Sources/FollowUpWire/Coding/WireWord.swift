public import FollowUpCore

/// A member that is one word of a closed set (a lead status, a channel, an
/// outbox state), written as its raw value.
public protocol WireWord: WireValue, RawRepresentable<String> {}

extension WireWord {
    public var wireValue: JSONValue { .string(rawValue) }

    public init(wireValue value: JSONValue, field: String) throws(Diagnostic) {
        let text = try String(wireValue: value, field: field)
        guard let word = Self(rawValue: text) else { throw Diagnostic(field: field, message: "unknown value \"\(text)\"") }
        self = word
    }
}

extension LeadStatus: WireWord {}
extension Channel: WireWord {}
extension OutboxState: WireWord {}
extension NotificationKind: WireWord {}
extension NotificationReason: WireWord {}
