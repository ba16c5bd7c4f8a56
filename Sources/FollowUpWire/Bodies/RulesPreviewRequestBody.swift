
/// The request of `POST /v1/rules/preview`: the whole candidate rule set, file by file.
public struct RulesPreviewRequestBody: WireBody, Codable {
    public var files: [RuleFileBody]

    public init(files: [RuleFileBody]) {
        self.files = files
    }
}
