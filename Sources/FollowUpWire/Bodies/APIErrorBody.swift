public import FollowUpCore
public import FollowUpFormats

/// Every error the API answers with:
/// `{"error":{"message":"…","field":"lead.company_size","index":0}}`.
///
/// `field` names what was wrong (an event field as a dotted path, or a query
/// parameter), `index` the event's position when the request body was an
/// array, `scope` the token scope a 401 or 403 needed; each is left out when
/// it does not apply.
public struct APIErrorBody: WireBody {
    public var message: String
    public var field: String?
    public var index: Int?
    public var scope: String?

    public init(message: String, field: String? = nil, index: Int? = nil, scope: String? = nil) {
        self.message = message
        self.field = field
        self.index = index
        self.scope = scope
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.beginObject("error")
        w.string("message", message)
        if let field { w.string("field", field) }
        if let index { w.int("index", index) }
        if let scope { w.string("scope", scope) }
        w.endObject()
    }

    public init(reading object: WireObject) throws(Diagnostic) {
        let error = try object.object("error")
        message = try error.member("message")
        field = try error.optional("field")
        index = try error.optional("index")
        scope = try error.optional("scope")
    }
}
