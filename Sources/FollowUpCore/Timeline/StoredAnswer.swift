/// What a store keeps under a client's `Idempotency-Key`, committed with
/// the events it answers: the request's fingerprint (a digest of its body,
/// so a different request under the same key is told apart) and the answer
/// it got, sent again as it was to a repeat.
public struct StoredAnswer: Sendable, Hashable {
    /// A digest of the request body (hex), as the API computes it.
    public var fingerprint: String
    /// The answer's body, as first sent.
    public var body: String

    /// How long a key is honoured: a client retries within minutes or
    /// hours, so a day covers any sane retry (a failover, a night's outage of
    /// the client's queue) while the table stays about one day of keys. An
    /// older key is forgotten and a request under it is applied as new.
    public static let lifetime = TimeSpan.hours(24)
    /// Expired answers one write forgets at most, with the answer it keeps:
    /// each keyed write removes up to this many and adds one, so the table
    /// never outgrows a day of keys, and no write pays for a long delete.
    public static let forgottenPerWrite = 64

    public init(fingerprint: String, body: String) {
        self.fingerprint = fingerprint
        self.body = body
    }
}
