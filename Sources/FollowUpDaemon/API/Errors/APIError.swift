public import FollowUpCore
import FollowUpWire
import HTTPTypes
public import Hummingbird

/// An error the API answers with: a status and one JSON body,
/// `{"error":{"message":"…","field":"lead.company_size","index":0}}`
/// (`"scope"` on a 401 or 403 names the token scope needed).
///
/// `field` names what was wrong (an event field as a dotted path, or a query
/// parameter); `index` is the event's position when the request body was an
/// array. Both are left out when they do not apply. Every error a request
/// can meet is turned into one of these (see ``APIErrorMiddleware``), so a
/// client never sees an empty body or an HTML page.
public struct APIError: Error, HTTPResponseError, Sendable, Hashable, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var field: String?
    public var index: Int?
    /// The token scope a 401 or 403 needed (`read`, `write`, `admin`, `feed:alice`).
    public var scope: String?
    /// Extra headers (`Allow` on 405, `WWW-Authenticate` on 401).
    public var headers: HTTPFields

    public init(status: HTTPResponse.Status, message: String, field: String? = nil, index: Int? = nil,
                headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.field = field.flatMap { $0.isEmpty ? nil : $0 }
        self.index = index
        self.headers = headers
    }

    /// A 400 for an event the decoder or the engine rejected.
    public init(_ error: Diagnostic, index: Int?) {
        self.init(status: .badRequest, message: error.message, field: error.field, index: index)
    }

    /// `400 lead.company_size: expected an integer (index 0)`, for logs.
    public var description: String {
        var text = "\(status.code) "
        if let field { text += "\(field): " }
        text += message
        if let index { text += " (index \(index))" }
        return text
    }

    /// The error's JSON body.
    public var json: [UInt8] {
        APIErrorBody(message: message, field: field, index: index, scope: scope).jsonBytes
    }

    /// Renders the error (Hummingbird calls this for errors that reach the router).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The response, without needing a request (middleware renders errors it caught).
    public var response: Response {
        var response = JSONResponse.make(status: status, bytes: json)
        response.headers.append(contentsOf: headers)
        return response
    }
}
