import FollowUpCore

/// Reads one rule file into a ``RuleFragment``: each section it has, every
/// value checked on its own. Cross-file checks are the merger's and compiler's.
struct FragmentReader {
    var reader: RuleReader
    var fragment: RuleFragment

    /// The top-level sections a file may have.
    static let sections = ["calendars", "priorities", "triage", "scoring", "policies", "routing", "fallback", "reps"]

    /// The fragment of `text` and the problems found reading it.
    static func read(file: String, text: String) -> (RuleFragment, ProblemLog) {
        let document = RuleDocument(file: file, text: text)
        var log = document.log
        var me = FragmentReader(reader: RuleReader(file: file, maskedKeys: document.maskedKeys), fragment: RuleFragment())
        let lines = text.unicodeScalars.count { $0 == "\n" }
        me.fragment.end = SourcePlace(file: file, line: lines + 1, column: 1)
        me.fragment.isUnreadable = document.log.hasErrors && document.root == nil
        if let root = document.root { me.readTopLevel(root) }
        log.append(contentsOf: me.reader.log)
        return (me.fragment, log)
    }

    private mutating func readTopLevel(_ root: RuleNode) {
        // A lone `~` (or a file of comments) says nothing; that is allowed, like an empty file.
        if root.isNull { return }
        guard case .mapping = root.content else {
            fragment.isUnreadable = true
            reader.log.error("a rule file must be a mapping of sections (\(Self.sections.joined(separator: ", "))), "
                             + "found \(root.shapeDescription)", at: root.position)
            return
        }
        guard let top = reader.fields(of: root, context: RuleFields.topLevel, allowed: Self.sections) else { return }
        for section in Self.sections {
            if let at = top.keyPosition(section) { fragment.sectionKeys[section] = at }
        }
        if let node = top["calendars"] { readCalendars(node) }
        if let node = top["priorities"] { readPriorities(node) }
        if let node = top["triage"] { readTriage(node) }
        if let node = top["scoring"] { readScoring(node, at: top.keyPosition("scoring")) }
        if let node = top["policies"] { readPolicies(node) }
        if let node = top["routing"] { readRouting(node, at: top.keyPosition("routing")) }
        if top.has("fallback") { fragment.fallback = reader.name(top, "fallback") }
        if let node = top["reps"] { readReps(node) }
    }

    /// A section of named items (`calendars`, `priorities`, `policies`): each
    /// entry read by `read`; one with errors is kept by name, without a value.
    mutating func readNamed<Value>(_ node: RuleNode, section: String,
                                   _ read: (inout FragmentReader, Located<String>, RuleNode) -> Value?) -> [Definition<Value>] {
        guard let entries = reader.entries(of: node, what: "`\(section)`") else { return [] }
        var out: [Definition<Value>] = []
        for entry in entries {
            let value = checked { read(&$0, entry.key, entry.value) }
            out.append(Definition(name: entry.key.value, position: entry.key.position, value: value))
        }
        return out
    }

    /// Runs `read` and returns its value only when it reported no error, so a
    /// definition with problems is kept by name but never compiled.
    mutating func checked<Value>(_ read: (inout FragmentReader) -> Value?) -> Value? {
        let errorsBefore = reader.log.errorCount
        let value = read(&self)
        return reader.log.errorCount == errorsBefore ? value : nil
    }

    /// `rule "x" is defined twice in this file (first at 3:5)` for list items
    /// whose names must be unique within a file; true when `name` is new.
    mutating func claim(_ name: Located<String>, kind: String, in seen: inout [String: SourcePlace]) -> Bool {
        if let first = seen[name.value] {
            reader.log.error("\(kind) \"\(name.value)\" is defined twice in this file "
                             + "(first at \(first.shortDescription(relativeTo: name.position)))", at: name.position)
            return false
        }
        seen[name.value] = name.position
        return true
    }
}
