public import FollowUpFormats

/// The request of `POST /v1/rules/preview`: the whole candidate rule set, file by file.
public struct RulesPreviewRequestBody: WireBody {
    public var files: [RuleFileBody]

    public init(files: [RuleFileBody]) {
        self.files = files
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.beginArray("files")
        for item in files { item.write(to: &w) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        files = try o.bodies("files")
    }
}
