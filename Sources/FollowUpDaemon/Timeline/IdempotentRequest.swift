import FollowUpCore

/// A `POST /v1/events` sent with an `Idempotency-Key`: the timeline applies
/// it at most once. The answer is made inside the transaction that applies
/// the batch and kept with it (``FollowUpCore/StoredAnswer``); a repeat of
/// the key with the same body gets that answer again and applies nothing,
/// one with another body is refused (``IdempotencyConflict``).
public struct IdempotentRequest: Sendable {
    /// The client's key.
    public var key: String
    /// A digest of the request body: what tells a repeat from another request under the same key.
    public var fingerprint: String
    /// The answer's body, made from what the batch did (one result per event).
    public var answer: @Sendable ([AcceptedEvent]) -> String

    public init(key: String, fingerprint: String, answer: @escaping @Sendable ([AcceptedEvent]) -> String) {
        self.key = key
        self.fingerprint = fingerprint
        self.answer = answer
    }
}

/// An `Idempotency-Key` sent again with a different request body: nothing applies.
public struct IdempotencyConflict: Error, Sendable, Hashable, CustomStringConvertible {
    public var key: String

    public init(key: String) { self.key = key }

    public var description: String {
        "Idempotency-Key \"\(key)\" was already used for a different request body; nothing was applied "
            + "(send a new key for a new batch, the same body to repeat one)"
    }
}
