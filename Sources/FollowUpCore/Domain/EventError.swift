/// Why an event was rejected: the field at fault (a dotted path such as
/// `lead.company_size`, empty for the whole event) and a sentence about it.
public struct EventError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `lead.company_size: expected an integer, got a string`.
    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
