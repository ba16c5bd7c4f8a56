public import FollowUpFormats

/// One rule file sent to `POST /v1/rules/preview`: the name it is reported
/// under (`FILE:LINE:COL`) and its text.
public struct RuleFileBody: WireBody {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.string("path", path)
        w.string("text", text)
    }

    public init(reading o: WireObject) throws(WireError) {
        path = try o.string("path")
        text = try o.string("text")
    }
}
