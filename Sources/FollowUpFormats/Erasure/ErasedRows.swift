import FollowUpCore

/// What erasing a lead rewrites in its stored rows (docs/semantics.md,
/// "Erasing a lead"), decided once for both stores: they only read the rows
/// and write back what this hands them.
public enum ErasedRows {
    /// An event's logged body without personal data; nil when it has none to
    /// remove (or does not decode, so it cannot be rewritten).
    public static func eventBody(_ body: String) -> String? {
        guard let event = try? EventDecoder.decode(body) else { return nil }
        let scrubbed = event.erasingPersonalData.jsonLine
        return scrubbed == body ? nil : scrubbed
    }

    /// A notification's payload without personal data, and its relay error
    /// replaced (a relay's error may quote the lead's address: "550 <dana@…>:
    /// no such user"); nil when neither changes.
    public static func notification(payload: String, lastError: String?) -> (payload: String, lastError: String?)? {
        let scrubbed = (try? LeadNotification(jsonLine: payload))?.erasingPersonalData.jsonLine ?? payload
        guard scrubbed != payload || lastError != nil else { return nil }
        return (scrubbed, lastError == nil ? nil : "(erased with the lead)")
    }
}
