/// A body that does not read as its type: which member, and what was wrong
/// with it (`lead.step.number: expected an integer, got a string`).
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The member's dotted path from the body's top (`accepted[0].seq`); empty for the body itself.
    public var field: String
    public var message: String

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }
}
