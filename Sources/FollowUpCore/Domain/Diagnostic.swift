/// What is wrong with an input, and where: the field at fault (a dotted path
/// such as `lead.company_size` in an event, `accepted[0].seq` in an API body;
/// empty for the whole input) and a sentence about it.
///
/// One type for every reader that names a field: the event decoder, the
/// engine refusing an event, the store refusing an erased lead, and the
/// API's body reader. The API answers it as `{"error":message,"field":field}`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// `lead.company_size: expected an integer, got a string`.
    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
