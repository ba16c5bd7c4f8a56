import Foundation

/// Ids and rule-matched names in one Unicode form, NFC.
///
/// Swift compares strings by canonical equivalence, so "Café" with `é` as
/// U+00E9 and "Café" with `e` + U+0301 are one key in the engine's and the
/// store's dictionaries, while SQLite and PostgreSQL compare bytes. Without
/// one form, a CRM's precomposed id and a dialer's decomposed one were two
/// leads across two requests, and one lead within one: a second capture in
/// the same batch was accepted and no row was written for it. Every id is
/// normalized where it enters (an event's members, a path, a query), so the
/// store, the engine and `simulate` agree that they name one lead.
public enum CanonicalText {
    /// `text` in NFC. ASCII, which most ids are, is NFC already and returned as it is.
    public static func normalized(_ text: String) -> String {
        let ascii = text.utf8.withContiguousStorageIfAvailable { !$0.contains { $0 >= 0x80 } }
            ?? !text.utf8.contains { $0 >= 0x80 }
        return ascii ? text : text.precomposedStringWithCanonicalMapping
    }
}
