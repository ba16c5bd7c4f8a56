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
    /// The rules in force (they change on reload), to name the step a notification is about.
    let rules: (@Sendable () async -> Rules)?

    public init(queries: any LeadQueries, rules: (@Sendable () async -> Rules)? = nil) {
        self.queries = queries
        self.rules = rules
    }

    public func context(for notification: LeadNotification) async -> MessageContext {
        let record = try? await queries.lead(notification.lead)
        // `to` names a rep only when the recipient is not the lead itself.
        let member = notification.recipient == .lead ? nil : try? await queries.rep(notification.to)
        guard let rules else {
            // No rules to read the lead's clock from: the rep's own, if they name one.
            let zone = member?.rep.timezone.flatMap { ZoneCatalog.shared.rules(for: $0) }
            return MessageContext(notification: notification, record: record, rep: member?.rep, readerZone: zone)
        }
        let inForce = await rules()
        let stepRule = record.flatMap { record in notification.step.flatMap { inForce.stepRule($0, for: record.state) } }
        let zone = inForce.readerZone(of: notification, rep: member?.rep, lead: record?.state)
        return MessageContext(notification: notification, record: record, rep: member?.rep, stepRule: stepRule, readerZone: zone)
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
