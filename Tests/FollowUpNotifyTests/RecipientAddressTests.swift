import FollowUpCore
import FollowUpNotify
import Testing

/// Where an email goes follows what the notification's `to` names
/// (``LeadNotification/recipient``), not how `to` is spelled (issue 17).
@Suite struct RecipientAddressTests {
    func notification(_ kind: NotificationKind = .touchDue, to: String, _ recipient: RecipientKind) -> LeadNotification {
        LeadNotification(id: "L1:\(kind.rawValue):0:1", at: Instant(secondsSinceEpoch: 0), kind: kind, lead: "L1", to: to,
                         recipient: recipient)
    }

    @Test func aRepIsMailedAtTheEmailOnFileNeverAtTheirID() {
        // A chat handle is an id with an `@`, not an address: no email on file means no address.
        let handle = MessageContext(notification: notification(to: "@alice", .rep), record: nil, rep: Rep(id: "@alice"))
        #expect(handle.recipientAddress == nil)
        let unknown = MessageContext(notification: notification(to: "bob@old.example", .rep), record: nil, rep: nil)
        #expect(unknown.recipientAddress == nil)
        let onFile = MessageContext(notification: notification(to: "@carol", .rep), record: nil,
                                    rep: Rep(id: "@carol", email: "carol@example.com"))
        #expect(onFile.recipientAddress == "carol@example.com")
    }

    @Test func theLeadAndTheFallbackAreMailedAtTheirAddresses() {
        let lead = MessageContext(notification: notification(.leadAcknowledgement, to: "dana@example.com", .lead),
                                  record: nil, rep: nil)
        #expect(lead.recipientAddress == "dana@example.com")
        let fallback = MessageContext(notification: notification(.leadUnrouted, to: "sales-lead@example.com", .fallback),
                                      record: nil, rep: nil)
        #expect(fallback.recipientAddress == "sales-lead@example.com")
        let named = MessageContext(notification: notification(.leadUnrouted, to: "sales-manager", .fallback), record: nil, rep: nil)
        #expect(named.recipientAddress == nil)
    }
}
