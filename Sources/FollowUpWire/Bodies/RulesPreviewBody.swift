
/// The answer to `POST /v1/rules/preview` for valid rules (`valid` is true):
/// both versions, how many open leads were examined and would move, and the
/// first of them (up to `limit`).
public struct RulesPreviewBody: WireBody, Codable {
    public var valid: Bool
    public var runningVersion: String
    public var candidateVersion: String
    public var examined: Int
    public var moved: Int
    public var leads: [MovedLeadBody]

    public init(valid: Bool, runningVersion: String, candidateVersion: String, examined: Int, moved: Int,
                leads: [MovedLeadBody]) {
        self.valid = valid
        self.runningVersion = runningVersion
        self.candidateVersion = candidateVersion
        self.examined = examined
        self.moved = moved
        self.leads = leads
    }
}
