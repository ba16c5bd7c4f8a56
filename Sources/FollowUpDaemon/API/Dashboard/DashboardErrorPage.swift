import FollowUpNotify
import Hummingbird
import HTTPTypes
import NIOCore

/// An error on `GET /dashboard` as a page a manager can read, not raw JSON:
/// the status, the message, the parameter at fault, and a link back to the
/// unfiltered dashboard. Same status and headers as the API's JSON answer.
struct DashboardErrorPage {
    var error: APIError
    /// The `?token=` the page was opened with, kept on the link back.
    var token: String?

    var html: String {
        var body = "<main class=\"card\"><h1>The dashboard cannot be shown</h1>"
        body += "<p class=\"status\">\(error.status.code) \(HTMLText.escaped(error.status.reasonPhrase))</p>"
        body += "<p id=\"message\">"
        if let field = error.field { body += "<code>\(HTMLText.escaped(field))</code>: " }
        body += "\(HTMLText.escaped(error.message))</p>"
        if let scope = error.scope {
            body += "<p>Open it with a token with scope \(HTMLText.escaped(scope)) in the address: <code>/dashboard?token=…</code></p>"
        }
        if error.status == .badRequest || error.status == .notFound {
            let back = "/dashboard" + (token.map { "?token=\(DashboardLinks.queryEncoded($0))" } ?? "")
            body += "<p><a href=\"\(HTMLText.escaped(back))\">Open the dashboard without filters</a></p>"
        }
        body += "</main>"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>followupd · \(error.status.code)</title>
            <style>\(DashboardPage.css)</style></head>
            <body>\(body)</body></html>

            """
    }

    var response: Response {
        var headers = DashboardPage.headers
        headers.append(contentsOf: error.headers)
        return Response(status: error.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}
