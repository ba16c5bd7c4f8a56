import FollowUpCore
@testable import FollowUpNotify
import Foundation
import Testing

/// Slack and Teams bodies built from hostile lead data: the users' words
/// arrive as text, never as mentions, links or formatting.
@Suite struct ChatPayloadTests {
    static let hostile = [
        "<!channel> wake up", "<https://evil.test|click me>", "Tom & Jerry &amp; co", "a > b < c",
        "[Pay here](https://evil.test)", "**bold** _it_ ~s~ `code`", "# heading", "- item", "1. first", #"back\slash"#,
    ]

    static func summary(_ value: String) -> MessageSummary {
        MessageSummary(headline: "New lead: \(value)", facts: [.init(label: "Company", value: value)],
                       link: "https://crm.example/leads/L1?x=1&y=2", notificationID: "L1:lead.assigned:1:1")
    }

    static func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test(arguments: hostile)
    func slackTextCarriesNoControlCharacters(_ value: String) throws {
        let body = try Self.json(SlackPayload.body(Self.summary(value)))
        #expect(Set(body.keys) == ["text", "blocks"])
        let blocks = try #require(body["blocks"] as? [[String: Any]])
        var texts = [body["text"] as? String ?? ""]
        for block in blocks {
            if let text = block["text"] as? [String: Any] { texts.append(text["text"] as? String ?? "") }
            for field in block["fields"] as? [[String: Any]] ?? [] { texts.append(field["text"] as? String ?? "") }
            for element in block["elements"] as? [[String: Any]] ?? [] where element["type"] as? String == "mrkdwn" {
                texts.append(element["text"] as? String ?? "")
            }
        }
        for text in texts {
            #expect(!text.contains("<") && !text.contains(">"), "\(text)")
            #expect(text.replacingOccurrences(of: "&amp;", with: "").replacingOccurrences(of: "&lt;", with: "")
                .replacingOccurrences(of: "&gt;", with: "").contains("&") == false, "\(text)")
        }
        // Unescaping gives the user's words back, exactly.
        let field = texts.first { $0.hasPrefix("*Company*\n") } ?? ""
        let shown = field.dropFirst("*Company*\n".count).replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        #expect(shown == value)
        // The link is a button's url, outside mrkdwn: kept as configured.
        let button = blocks.compactMap { $0["elements"] as? [[String: Any]] }.flatMap { $0 }.first { $0["type"] as? String == "button" }
        #expect(button?["url"] as? String == "https://crm.example/leads/L1?x=1&y=2")
    }

    @Test func slackEscapesExactlyAmpersandAndAngleBrackets() {
        #expect(SlackText.escaped("<!here> & <@U123> 'quote' \"dq\"") == "&lt;!here&gt; &amp; &lt;@U123&gt; 'quote' \"dq\"")
    }

    @Test(arguments: hostile)
    func teamsFactsAreMarkdownText(_ value: String) throws {
        let body = try Self.json(TeamsPayload.body(Self.summary(value)))
        #expect(body["type"] as? String == "message")
        let attachment = try #require((body["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["contentType"] as? String == "application/vnd.microsoft.card.adaptive")
        let card = try #require(attachment["content"] as? [String: Any])
        #expect(card["type"] as? String == "AdaptiveCard" && card["version"] as? String == "1.4")
        let facts = (card["body"] as? [[String: Any]] ?? []).compactMap { $0["facts"] as? [[String: String]] }.flatMap { $0 }
        let shown = try #require(facts.first { $0["title"] == "Company" }?["value"])
        // Every emphasis, code and link character is escaped, and removing the escapes gives the words back.
        var unescaped = "", escaping = false
        for character in shown {
            if !escaping, character == "\\" { escaping = true; continue }
            if !escaping { #expect(!"*_~`[]".contains(character), "unescaped \(character) in \(shown)") }
            unescaped.append(character)
            escaping = false
        }
        #expect(unescaped == value)
        #expect(!shown.hasPrefix("# ") && !shown.hasPrefix("- ") && !shown.hasPrefix(">") && !shown.hasPrefix("1. "),
                "\(shown) opens a heading, list or quote")
    }

    @Test func teamsNeutralisesALinkAndAListStart() {
        #expect(TeamsText.escaped("[Pay](https://evil.test)") == #"\[Pay\](https://evil.test)"#)
        #expect(TeamsText.escaped("1. first") == #"1\. first"#)
        #expect(TeamsText.escaped("- item") == #"\- item"#)
        // Words that only look like markup stay as they are.
        #expect(TeamsText.escaped("+1 555 0100 (mobile)") == "+1 555 0100 (mobile)")
        #expect(TeamsText.escaped("2.5 seats") == "2.5 seats")
    }

    @Test func aLeadIdCannotLeaveTheLinkPath() {
        let link = LeadLink(template: "https://crm.example/leads/{lead}/view")
        #expect(link.url(for: "L1") == "https://crm.example/leads/L1/view")
        #expect(link.url(for: "../admin?x=\"><b>#") == "https://crm.example/leads/..%2Fadmin%3Fx%3D%22%3E%3Cb%3E%23/view")
        #expect(link.url(for: "Müller 7") == "https://crm.example/leads/M%C3%BCller%207/view")
    }

    @Test func longValuesAreClippedToOneLine() {
        let summary = MessageSummary(headline: String(repeating: "h", count: 2_000), facts: [.init(label: "Lead", value: "a\nb\r" + String(repeating: "x", count: 1_000))],
                                     link: nil, notificationID: "n")
        #expect(summary.headline.count == MessageSummary.maxHeadline && summary.headline.hasSuffix("…"))
        #expect(summary.facts[0].value.count == MessageSummary.maxValue && summary.facts[0].value.hasPrefix("a b "))
    }
}
