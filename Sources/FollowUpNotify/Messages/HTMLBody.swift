/// The HTML part of an email: the headline, the summary's facts as a small
/// table, a link to the lead, then the plain-text body as it is (pre-wrapped),
/// so the two parts never say different things.
///
/// Every user string — names, companies, notes, the whole rendered text — is
/// HTML-escaped (``HTMLText``): a lead named `<script>` or
/// `"><img src=x onerror=…>` shows as those characters, never as markup.
enum HTMLBody {
    static func page(_ summary: MessageSummary, text: String) -> String {
        let e = HTMLText.escaped
        var html = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>\(e(summary.headline))</title></head>
            <body style="font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.4">
            <h2 style="font-size:18px;margin:0 0 12px">\(e(summary.headline))</h2>

            """
        if !summary.facts.isEmpty {
            html += "<table role=\"presentation\" style=\"border-collapse:collapse;margin-bottom:12px\">\n"
            for fact in summary.facts {
                html += "<tr><th align=\"left\" style=\"padding:2px 16px 2px 0;color:#59636e;font-weight:600\">\(e(fact.label))</th>"
                    + "<td style=\"padding:2px 0\">\(e(fact.value))</td></tr>\n"
            }
            html += "</table>\n"
        }
        if let link = summary.link {
            html += "<p><a href=\"\(e(link))\" style=\"display:inline-block;padding:6px 14px;background:#0969da;color:#fff;"
                + "border-radius:6px;text-decoration:none\">Open lead</a></p>\n"
        }
        html += "<pre style=\"font-family:inherit;white-space:pre-wrap;margin:16px 0 0\">\(e(text))</pre>\n</body></html>\n"
        return html
    }
}

/// HTML escaping of text for element content and double- or single-quoted
/// attribute values: `&`, `<`, `>`, `"` and `'`. One escaper for every page
/// and message the daemon writes (HTML email, the dashboard and its SVG).
package enum HTMLText {
    package static func escaped(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 32)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
