public import FollowUpCore
public import FollowUpRules
import Foundation

/// Turns a notification into an email: context from the store, subject and
/// body from the templates, an HTML part beside the text, the recipient's
/// address, the sender (and its display name) from the config.
/// Shared by the `smtp` and `sendmail` receivers, which send the same message.
public struct EmailComposer: Sendable {
    let templates: MessageTemplates
    let contexts: any MessageContextSource
    let settings: EmailSettings
    let link: LeadLink?

    public init(templates: MessageTemplates, contexts: any MessageContextSource, settings: EmailSettings, link: LeadLink? = nil) {
        self.templates = templates
        self.contexts = contexts
        self.settings = settings
        self.link = link
    }

    /// The message, or why there is none (no address: a permanent failure).
    public func compose(_ notification: LeadNotification) async -> Result<EmailMessage, ComposeFailure> {
        var context = await contexts.context(for: notification)
        // An acknowledgement goes to the lead: no CRM link, no internal facts.
        let toTheLead = notification.kind == .leadAcknowledgement
        if !toTheLead { context.leadURL = link?.url(for: notification.lead) }
        guard let to = context.recipientAddress ?? settings.defaultTo else {
            return .failure(ComposeFailure(message: "no email address for \"\(notification.to)\" (add `email` to the rep, or `default_to` to the receiver)"))
        }
        // Checked again here, where it is used: an address in the store may
        // predate the check at the API, or have been edited by hand.
        if let problem = EmailAddress.problem(in: to) {
            return .failure(ComposeFailure(message: "refusing to send to \"\(notification.to)\": its address is not one email address (\(problem))"))
        }
        let (subject, text) = templates.render(context)
        var summary = MessageSummary(context: context, headline: subject)
        if toTheLead { summary.facts = [] }
        return .success(EmailMessage(from: settings.from, fromName: settings.fromName, to: to, subject: subject, text: text,
                                     html: HTMLBody.page(summary, text: text), notification: notification))
    }
}

/// Why a message cannot be built.
public struct ComposeFailure: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
