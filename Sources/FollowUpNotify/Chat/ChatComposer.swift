public import FollowUpCore

/// Turns a notification into the summary a chat message shows: the context
/// from the store, the headline from the subject template, the link to the
/// lead from `lead_url`. Shared by the `slack` and `teams` receivers.
public struct ChatComposer: Sendable {
    let templates: MessageTemplates
    let contexts: any MessageContextSource
    let link: LeadLink?

    public init(templates: MessageTemplates, contexts: any MessageContextSource, link: LeadLink?) {
        self.templates = templates
        self.contexts = contexts
        self.link = link
    }

    public func summary(_ notification: LeadNotification) async -> MessageSummary {
        var context = await contexts.context(for: notification)
        context.leadURL = link?.url(for: notification.lead)
        return MessageSummary(context: context, headline: templates.subject(context))
    }
}
