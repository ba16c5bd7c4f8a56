/// Who a notification is for, as the engine decided it: a rep (``LeadNotification/to``
/// is a rep id), the lead itself (`to` is the lead's address), or the rules'
/// fallback receiver (`to` is its name).
///
/// Stored with the outbox row, so a message built later knows what `to` is
/// instead of guessing it from its spelling (a rep id may contain `@`).
public enum RecipientKind: String, Sendable, Hashable, CaseIterable, Codable {
    case rep
    case lead
    case fallback
}

/// A notification's `to` and what it names; the engine picks one where it notifies.
public struct Recipient: Hashable, Sendable, CustomStringConvertible {
    public var to: String
    public var kind: RecipientKind

    /// A rep, by id.
    public static func rep(_ id: RepID) -> Recipient { Recipient(to: id, kind: .rep) }
    /// The lead itself, at this address.
    public static func lead(_ address: String) -> Recipient { Recipient(to: address, kind: .lead) }
    /// The rules' fallback receiver, by name.
    public static func fallback(_ name: String) -> Recipient { Recipient(to: name, kind: .fallback) }

    /// `to`, as notes and `explain` write it.
    public var description: String { to }
}
