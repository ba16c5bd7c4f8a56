
/// One rule file sent to `POST /v1/rules/preview`: the name it is reported
/// under (`FILE:LINE:COL`) and its text.
public struct RuleFileBody: WireBody, Codable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
