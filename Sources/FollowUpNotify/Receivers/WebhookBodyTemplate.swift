import FollowUpCore
import FollowUpFormats
import Foundation

/// A webhook body of the admin's making: `NAME.json.mustache` in the
/// templates directory, rendered with the message context (the same keys as
/// the email templates) and checked to be JSON before it is sent. A body that
/// does not parse is a dead letter naming the template, never a request the
/// relay would have to reject.
public struct WebhookBodyTemplate: Sendable {
    let templates: MessageTemplates
    let name: String
    let contexts: any MessageContextSource
    let link: LeadLink?

    /// - Throws: ``TemplateError`` when the template is missing, or renders
    ///   something other than JSON for a notification with nothing known about
    ///   its lead (every value empty): a missing comma shows at start-up.
    public init(templates: MessageTemplates, name: String, contexts: any MessageContextSource, link: LeadLink?) throws(TemplateError) {
        let file = (templates.directory as NSString).appendingPathComponent("\(name).json.mustache")
        guard templates.hasBody(name) else {
            throw TemplateError(problems: ["\(file): error: missing template (named by `body_template`)"])
        }
        self.templates = templates
        self.name = name
        self.contexts = contexts
        self.link = link
        let sample = LeadNotification(id: "L1:lead.assigned:1:1", at: Instant(secondsSinceEpoch: 0), kind: .leadAssigned,
                                      lead: "L1", to: "rep", recipient: .rep, step: 1)
        if case .failure(let why) = render(MessageContext(notification: sample, record: nil, rep: nil)) {
            throw TemplateError(problems: ["\(file): error: \(why)"])
        }
    }

    /// The body for `notification`, or why there is none.
    func body(for notification: LeadNotification) async -> Result<[UInt8], ComposeFailure> {
        var context = await contexts.context(for: notification)
        context.leadURL = link?.url(for: notification.lead)
        return render(context).mapError { ComposeFailure(message: "body_template \(name).json.mustache: \($0)") }
    }

    private func render(_ context: MessageContext) -> Result<[UInt8], ComposeFailure> {
        guard let text = templates.body(name, context) else {
            return .failure(ComposeFailure(message: "cannot render the template"))
        }
        do {
            _ = try JSONParser.parse(text)
        } catch {
            return .failure(ComposeFailure(message: "the body is not JSON (\(error))"))
        }
        return .success(Array(text.utf8))
    }
}
