import FollowUpCore
@testable import FollowUpNotify
import Foundation
import Testing

/// Webhook bodies from `NAME.json.mustache`: `{{…}}` writes JSON string
/// content, so hostile names stay one string; a template that cannot give
/// JSON is named at start-up.
@Suite struct WebhookBodyTemplateTests {
    static let notification = LeadNotification(id: "L1:lead.assigned:1:1", at: Instant(secondsSinceEpoch: 1_795_532_400),
                                               kind: .leadAssigned, lead: "L1", to: "alice", recipient: .rep, step: 1)

    struct NamedRep: MessageContextSource {
        var name: String
        func context(for notification: LeadNotification) async -> MessageContext {
            MessageContext(notification: notification, record: nil, rep: Rep(id: "alice", name: name))
        }
    }

    /// The shipped templates plus `crm.json.mustache` holding `body`.
    static func templates(body: String) throws -> MessageTemplates {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: HostileHeaderTests.templates), to: dir)
        try body.write(to: dir.appendingPathComponent("crm.json.mustache"), atomically: true, encoding: .utf8)
        return try MessageTemplates(directory: dir.path)
    }

    @Test(arguments: ["Dana \"The Closer\" O'Neil", #"back\slash"#, "two\nlines\r\tand \u{1} \u{7F}", "}\", \"admin\": true, \"x\": \"", "Müller 🎯"])
    func aHostileValueStaysOneString(_ name: String) async throws {
        let templates = try Self.templates(body: #"{"id": "{{notification.id}}", "rep": "{{rep.name}}", "kind": "{{notification.kind}}"}"#)
        let body = try WebhookBodyTemplate(templates: templates, name: "crm", contexts: NamedRep(name: name), link: nil)
        let bytes = try await body.body(for: Self.notification).get()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(parsed["rep"] as? String == name)
        #expect(Set(parsed.keys) == ["id", "rep", "kind"], "a value added a key: \(parsed)")
        #expect(parsed["id"] as? String == "L1:lead.assigned:1:1")
    }

    @Test func aTemplateThatCannotGiveJSONIsNamedAtStartUp() throws {
        let templates = try Self.templates(body: #"{"id": {{notification.id}} }"#)
        let error = #expect(throws: TemplateError.self) {
            try WebhookBodyTemplate(templates: templates, name: "crm", contexts: BareMessageContext(), link: nil)
        }
        #expect(error?.description.contains("/crm.json.mustache: error: the body is not JSON") == true, "\(error?.description ?? "")")
        let missing = #expect(throws: TemplateError.self) {
            try WebhookBodyTemplate(templates: templates, name: "nope", contexts: BareMessageContext(), link: nil)
        }
        #expect(missing?.description.contains("/nope.json.mustache: error: missing template") == true)
    }
}
