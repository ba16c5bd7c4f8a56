public import FollowUpFormats

/// The 422 answer to `POST /v1/rules/preview` for rules that do not load
/// (`valid` is false): every problem, `FILE:LINE:COL: …`.
public struct InvalidRulesBody: WireBody {
    public var valid: Bool
    public var problems: [String]

    public init(valid: Bool, problems: [String]) {
        self.valid = valid
        self.problems = problems
    }

    public func writeMembers(to w: inout JSONWriter) {
        w.bool("valid", valid)
        w.beginArray("problems")
        for item in problems { w.string(nil, item) }
        w.endArray()
    }

    public init(reading o: WireObject) throws(WireError) {
        valid = try o.bool("valid")
        problems = try o.strings("problems")
    }
}
