import FollowUpCore
/// A mapping whose keys were checked against those its section allows: what
/// a section reader asks for values by key.
struct RuleFields {
    /// What the mapping describes, for messages: `calendar "office"`, `step 2 of policy "default"`.
    let context: String
    /// Where the thing the mapping describes is named (its key, or the mapping
    /// itself): missing keys are reported here.
    let position: SourcePlace
    private let entries: [String: (key: RuleNode, value: RuleNode)]

    init(context: String, position: SourcePlace, entries: [String: (key: RuleNode, value: RuleNode)]) {
        self.context = context
        self.position = position
        self.entries = entries
    }

    /// The value under `key`, nil when the key is absent.
    subscript(key: String) -> RuleNode? { entries[key]?.value }

    /// Where `key` is written, nil when absent.
    func keyPosition(_ key: String) -> SourcePlace? { entries[key]?.key.position }

    func has(_ key: String) -> Bool { entries[key] != nil }

    /// "`timezone` of calendar "office"": the subject of a message about one value.
    func describe(_ key: String) -> String { context == Self.topLevel ? "`\(key)`" : "`\(key)` of \(context)" }

    /// The context of a file's top-level mapping.
    static let topLevel = "the top level"
}
