import FollowUpCore
import FollowUpFormats

/// A Microsoft Teams incoming-webhook (or Workflows) message: one Adaptive
/// Card (version 1.4) in a `message` with one attachment, the shape Teams
/// documents: the headline in bold, the facts as a FactSet, the notification
/// id in small print, and an Action.OpenUrl to the lead.
///
/// TextBlocks and fact values are read as Markdown: user strings are escaped
/// (``TeamsText``) so a company named `[Pay here](https://evil)` stays text.
enum TeamsPayload {
    static let cardType = "application/vnd.microsoft.card.adaptive"

    static func body(_ summary: MessageSummary) -> [UInt8] {
        let facts = summary.facts.map { fact -> JSONValue in
            .object(["title": .string(TeamsText.escaped(fact.label)), "value": .string(TeamsText.escaped(fact.value))])
        }
        var card: [String: JSONValue] = [
            "$schema": .string("http://adaptivecards.io/schemas/adaptive-card.json"),
            "type": .string("AdaptiveCard"),
            "version": .string("1.4"),
            "body": .array([
                .object(["type": .string("TextBlock"), "text": .string(TeamsText.escaped(summary.headline)),
                         "weight": .string("Bolder"), "size": .string("Medium"), "wrap": .bool(true)]),
                .object(["type": .string("FactSet"), "facts": .array(facts)]),
                .object(["type": .string("TextBlock"), "text": .string("followupd · \(TeamsText.escaped(summary.notificationID))"),
                         "isSubtle": .bool(true), "size": .string("Small"), "wrap": .bool(true)]),
            ]),
        ]
        if let link = summary.link {
            card["actions"] = .array([
                .object(["type": .string("Action.OpenUrl"), "title": .string("Open lead"), "url": .string(link)]),
            ])
        }
        let message: JSONObject = [
            "type": .string("message"),
            "attachments": .array([.object(["contentType": .string(cardType), "contentUrl": .null, "content": .object(JSONObject(card))])]),
        ]
        var writer = JSONWriter()
        writer.value(nil, .object(message))
        return writer.bytes
    }
}

/// Markdown escaping of user text in an Adaptive Card: a backslash before
/// every character that makes emphasis, code or a link (`\ * _ ~ ` [ ]`; a
/// link needs `[…](…)`, so escaping the brackets is enough), before a `>`
/// opening the text (a quote), before a `#`, `-` or `+` followed by a space
/// there (a heading or list), and before the dot of a leading `1. ` (a list).
/// Escaping more would show backslashes in some Teams clients.
enum TeamsText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for character in text {
            if "\\*_~`[]".contains(character) { out.append("\\") }
            out.append(character)
        }
        let opensBlock = out.first == ">" || (out.first.map { "#-+".contains($0) } == true && out.dropFirst().first == " ")
        if opensBlock { out = "\\" + out }
        if let dot = out.firstIndex(of: "."), dot != out.startIndex, out[..<dot].allSatisfy({ $0.isASCII && $0.isNumber }),
           out[out.index(after: dot)...].first == " " {
            out.insert("\\", at: dot)
        }
        return out
    }
}
