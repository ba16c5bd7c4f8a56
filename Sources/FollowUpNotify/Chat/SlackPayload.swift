import FollowUpCore
import FollowUpFormats

/// A Slack incoming-webhook message: `{"text": …, "blocks": […]}` as Slack
/// documents it. `text` is the fallback shown in notifications; the blocks are
/// the headline, the facts as a two-column section, a button to the lead,
/// and the notification id in small print.
///
/// Slack reads `&`, `<` and `>` in mrkdwn text as control characters
/// (`<!channel>` pings everyone, `<https://x|label>` is a link): every user
/// string is escaped as `&amp;`, `&lt;`, `&gt;` (``SlackText``).
enum SlackPayload {
    /// Slack allows at most 10 fields in a section.
    static let maxFields = 10

    static func body(_ summary: MessageSummary) -> [UInt8] {
        var blocks: [JSONValue] = [
            section(["type": .string("mrkdwn"), "text": .string("*\(SlackText.escaped(summary.headline))*")]),
        ]
        let fields = summary.facts.prefix(maxFields).map { fact -> JSONValue in
            .object(["type": .string("mrkdwn"), "text": .string("*\(SlackText.escaped(fact.label))*\n\(SlackText.escaped(fact.value))")])
        }
        if !fields.isEmpty { blocks.append(.object(["type": .string("section"), "fields": .array(Array(fields))])) }
        if let link = summary.link {
            // A button's url is a plain JSON string, never parsed as mrkdwn.
            blocks.append(.object(["type": .string("actions"), "elements": .array([.object([
                "type": .string("button"), "text": .object(["type": .string("plain_text"), "text": .string("Open lead")]),
                "url": .string(link),
            ])])]))
        }
        blocks.append(.object(["type": .string("context"), "elements": .array([
            .object(["type": .string("mrkdwn"), "text": .string("followupd · \(SlackText.escaped(summary.notificationID))")]),
        ])]))
        var writer = JSONWriter()
        writer.value(nil, .object(["text": .string(SlackText.escaped(summary.headline)), "blocks": .array(blocks)]))
        return writer.bytes
    }

    private static func section(_ text: JSONObject) -> JSONValue {
        .object(["type": .string("section"), "text": .object(text)])
    }
}

/// Slack's escaping of user text in mrkdwn: only `&`, `<` and `>`, as Slack
/// asks (other entities would show literally).
enum SlackText {
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
