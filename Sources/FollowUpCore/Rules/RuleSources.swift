/// The rule files a rule set was compiled from, as text, with the version
/// their texts fingerprint to: what a store shared by several nodes keeps as
/// the rules in force, so that every node runs the same rules whatever its
/// own files say (issue 14). Compiling them again gives the same rules.
public struct RuleSources: Sendable, Hashable {
    /// One rule file: its bare name (what the version covers) and its text.
    public struct File: Sendable, Hashable {
        public var name: String
        public var text: String

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// The files, in load order.
    public var files: [File]
    /// ``Rules/version`` of the rules they compile to.
    public var version: String
    /// Whose files they are, when several nodes share a store: nil for the node that holds them.
    public var node: String?

    public init(files: [File], version: String, node: String? = nil) {
        self.files = files
        self.version = version
        self.node = node
    }
}
