import FollowUpCore
import FollowUpFormats
import Mustache

/// Mustache's content type for webhook body templates: `{{value}}` writes
/// the value as the inside of a JSON string (quotes, backslashes and control
/// characters escaped), so `"company": "{{lead.company}}"` stays one valid
/// string whatever the company is called. `{{{value}}}` writes it raw.
struct JSONStringContent: MustacheContentType {
    static let name = "FOLLOWUPD_JSON"

    func escapeText(_ text: String) -> String {
        var quoted: [UInt8] = []
        JSONWriter.appendQuoted(text, to: &quoted)
        return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self)
    }
}
