import FollowUpCore
import Yams

/// A YAML node of one rule file, with the file it came from, so whatever is
/// read from it can say where it was written.
///
/// Scalars are only ever read as their raw text: the rule readers decide what
/// a value means from the key it sits under, so YAML 1.1's guesses (`no` is
/// false, `08:00` is a sexagesimal number, `2026-11-26` a timestamp) never apply.
struct RuleNode {
    /// The shape of a node, with children already wrapped.
    enum Content {
        /// A scalar's raw text and whether it is YAML's null (`key:` with nothing, `~`, `null`).
        case scalar(text: String, isNull: Bool)
        case mapping([(key: RuleNode, value: RuleNode)])
        case sequence([RuleNode])
    }

    let node: Node
    let file: String

    init(_ node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// Where the node starts (libyaml's mark: 1-based line and column).
    var position: SourcePlace {
        SourcePlace(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    var content: Content {
        switch node {
        case .scalar(let scalar):
            // Only an unquoted scalar can be null: `""` is an empty string the admin wrote on purpose.
            let plain = scalar.style == .plain || scalar.style == .any
            let isNull = plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            return .scalar(text: scalar.string, isNull: isNull)
        case .mapping(let mapping):
            return .mapping(mapping.map { (RuleNode($0.key, file: file), RuleNode($0.value, file: file)) })
        case .sequence(let sequence):
            return .sequence(sequence.map { RuleNode($0, file: file) })
        case .alias:
            // The composer resolves aliases to the node they name, so none
            // should be left; one that is reads as nothing rather than crash.
            return .scalar(text: "", isNull: true)
        }
    }

    /// Where the scalar's `offset`-th Unicode scalar was written, so an item of
    /// `mon, wedn` can be pointed at exactly. Exact for one-line plain scalars
    /// and for quoted ones without escapes; otherwise the scalar's start.
    func position(ofScalarOffset offset: Int) -> SourcePlace {
        guard case .scalar(let scalar) = node, !scalar.string.contains("\n") else { return position }
        var at = position
        switch scalar.style {
        case .plain, .any:
            at.column += offset
        case .singleQuoted, .doubleQuoted:
            guard !scalar.string.unicodeScalars.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 })
            else { return position }
            at.column += 1 + offset
        case .literal, .folded:
            return position
        }
        return at
    }

    /// The text under `key` when this is a mapping that has it as a scalar: lets
    /// a reader name a list item (`triage rule "high"`) in messages about its other keys.
    func peek(_ key: String) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        for (k, v) in mapping where k.scalar?.string == key {
            if let text = v.scalar?.string, !text.isEmpty { return text }
        }
        return nil
    }

    /// Whether the node is YAML's null: nothing written after the key.
    var isNull: Bool {
        guard case .scalar = node else { return false }
        if case .scalar(_, true) = content { return true }
        return false
    }

    /// What the node is, for messages: `a list`, `a mapping`, `"no"`.
    var shapeDescription: String {
        switch content {
        case .scalar(_, true): "nothing"
        case .scalar(let text, false):
            // Long or multi-line text is cut: the message should fit a terminal line.
            "text \"" + text.prefix(40).unicodeScalars.map { $0.value < 0x20 ? $0.escaped(asASCII: true) : String($0) }.joined()
                + (text.count > 40 ? "…\"" : "\"")
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }
}
