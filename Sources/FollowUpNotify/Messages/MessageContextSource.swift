public import FollowUpCore

/// Where a message's context comes from at delivery time.
public protocol MessageContextSource: Sendable {
    /// The lead's record and the recipient rep; never fails: a message
    /// goes out with what is known.
    func context(for notification: LeadNotification) async -> MessageContext
}

/// The store's read side (WAL readers: never waits for the writer).
public struct StoreMessageContext: MessageContextSource {
    let queries: any LeadQueries

    public init(queries: any LeadQueries) { self.queries = queries }

    public func context(for notification: LeadNotification) async -> MessageContext {
        let record = try? await queries.lead(notification.lead)
        let member = try? await queries.rep(notification.to)
        return MessageContext(notification: notification, record: record, rep: member?.rep)
    }
}

/// No store: the notification alone (for `--check-config`, which builds the
/// receivers without a database).
public struct BareMessageContext: MessageContextSource {
    public init() {}

    public func context(for notification: LeadNotification) async -> MessageContext {
        MessageContext(notification: notification, record: nil, rep: nil)
    }
}
