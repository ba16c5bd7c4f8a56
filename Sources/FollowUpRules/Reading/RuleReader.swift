import FollowUpCore
import Yams

/// Reads typed values out of one file's nodes and records a positioned
/// problem for every value that is not what its key expects.
///
/// Every read returns nil after reporting, and section readers carry on with
/// the next key, so one pass finds every problem of the file.
struct RuleReader {
    let file: String
    /// Repeated keys the document masked (already reported): skipped silently.
    let maskedKeys: Set<SourcePlace>
    var log = ProblemLog()

    init(file: String, maskedKeys: Set<SourcePlace> = []) {
        self.file = file
        self.maskedKeys = maskedKeys
    }

    // MARK: Containers

    /// A mapping's entries in file order, keys as raw text. Nothing written
    /// (`key:` alone) reads as an empty mapping, so an admin can comment out
    /// every entry of a section.
    mutating func entries(of node: RuleNode, what: String) -> [(key: Located<String>, keyNode: RuleNode, value: RuleNode)]? {
        switch node.content {
        case .scalar(_, true):
            return []
        case .mapping(let pairs):
            var seen: [String: SourcePlace] = [:]
            var out: [(key: Located<String>, keyNode: RuleNode, value: RuleNode)] = []
            for (keyNode, value) in pairs {
                let at = keyNode.position
                if maskedKeys.contains(at) { continue }
                guard case .scalar(let text, _) = keyNode.content else {
                    log.error("a key in \(what) must be plain text, found \(keyNode.shapeDescription)", at: at)
                    continue
                }
                // Yams only catches repeats with the same YAML type; `1:` and `"1":` are the same key here.
                if let first = seen[text] {
                    log.error("duplicate key \"\(text)\" in \(what) (first at \(first.shortDescription(relativeTo: at))); "
                              + "YAML keys must be unique", at: at)
                    continue
                }
                seen[text] = at
                out.append((Located(value: text, position: at), keyNode, value))
            }
            return out
        case .scalar, .sequence:
            log.error("\(what) must be a mapping (`key: value` lines), found \(node.shapeDescription)", at: node.position)
            return nil
        }
    }

    /// A mapping checked against the keys its section allows: unknown keys are
    /// errors (with a suggestion for likely typos), missing required keys are
    /// reported at `position` (where the mapping's owner is named).
    mutating func fields(of node: RuleNode, context: String, allowed: [String], required: [String] = [],
                         at position: SourcePlace? = nil) -> RuleFields? {
        guard let list = entries(of: node, what: context) else { return nil }
        var table: [String: (key: RuleNode, value: RuleNode)] = [:]
        for entry in list {
            guard allowed.contains(entry.key.value) else {
                let hint = KeySuggestion.hint(for: entry.key.value, among: allowed)
                log.error("unknown key \"\(entry.key.value)\" in \(context) "
                          + "(expected one of: \(allowed.joined(separator: ", ")))\(hint)", at: entry.key.position)
                continue
            }
            table[entry.key.value] = (entry.keyNode, entry.value)
        }
        let owner = position ?? node.position
        for key in required where table[key] == nil {
            log.error("\(context) is missing `\(key)`", at: owner)
        }
        return RuleFields(context: context, position: owner, entries: table)
    }

    /// A list's items; nothing written reads as an empty list.
    mutating func items(of node: RuleNode, what: String) -> [RuleNode]? {
        switch node.content {
        case .scalar(_, true): return []
        case .sequence(let items): return items
        case .scalar, .mapping:
            log.error("\(what) must be a list (`- item` lines or [a, b]), found \(node.shapeDescription)", at: node.position)
            return nil
        }
    }

    // MARK: Scalars

    /// Non-empty text. `key` is where a missing value is reported (an empty
    /// value's own mark points past the line).
    mutating func text(_ node: RuleNode, what: String, key: SourcePlace? = nil) -> Located<String>? {
        switch node.content {
        case .scalar(_, true):
            log.error("missing value for \(what)", at: key ?? node.position)
            return nil
        case .scalar(let text, false):
            guard !text.strippingSpaces.isEmpty else {
                log.error("\(what) must not be empty", at: node.position)
                return nil
            }
            // Names travel into notifications and logs, where a stray control character does harm.
            guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                log.error("\(what) must not contain control characters (tabs, line breaks, …)", at: node.position)
                return nil
            }
            return Located(value: text, position: node.position)
        case .mapping, .sequence:
            log.error("\(what) must be text, found \(node.shapeDescription)", at: node.position)
            return nil
        }
    }

    /// Text without spaces: ids and names that travel in events and notifications.
    mutating func word(_ node: RuleNode, what: String, key: SourcePlace? = nil) -> Located<String>? {
        guard let text = text(node, what: what, key: key) else { return nil }
        guard !text.value.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            log.error("\(what) must be a single word without spaces, found \"\(text.value)\"", at: text.position)
            return nil
        }
        return text
    }

    /// A rep or team name: a ``word(_:what:key:)`` that YAML reads as text.
    /// `fallback: 0o7` is the number 7 to every other YAML tool (and to an
    /// admin reading it), `yes` a boolean, `2026-01-01` a date: such a name
    /// would not match the rep id events send, so it must be quoted to count.
    /// In NFC (``CanonicalText``), as the ids and names of events are, so a
    /// rep id a rule file spells decomposed is the rep events name.
    mutating func name(_ node: RuleNode, what: String, key: SourcePlace? = nil) -> Located<String>? {
        guard let word = word(node, what: what, key: key) else { return nil }
        if let kind = Self.nonTextKind(of: node) {
            log.error("\(what) must be a name, found \(kind) \(word.value); quote it (\"\(word.value)\") if it is a name",
                      at: word.position)
            return nil
        }
        return Located(value: CanonicalText.normalized(word.value), position: word.position)
    }

    /// What YAML would read an unquoted scalar as, when that is not text: `a number`, `a boolean`, ….
    static func nonTextKind(of node: RuleNode) -> String? {
        switch Resolver.default.resolveTag(of: node.node) {
        case .int, .float: "the number"
        case .bool: "the boolean"
        case .timestamp: "the date"
        case .null: "null"
        default: nil
        }
    }

    /// `true` or `false`, nothing else: YAML 1.1's `yes`/`no`/`on`/`off` are refused, not guessed.
    mutating func bool(_ node: RuleNode, what: String, key: SourcePlace? = nil) -> Bool? {
        guard let text = text(node, what: what, key: key) else { return nil }
        switch text.value {
        case "true": return true
        case "false": return false
        default:
            log.error("\(what) must be true or false, found \"\(text.value)\"", at: text.position)
            return nil
        }
    }

    /// A whole decimal number from `minimum` to `maximum`. Numbers the engine
    /// computes with (scores, company sizes) pass their ``InputBounds``, so
    /// its arithmetic on them cannot overflow.
    mutating func integer(_ node: RuleNode, what: String, minimum: Int, maximum: Int = .max,
                          key: SourcePlace? = nil) -> Located<Int>? {
        guard let text = text(node, what: what, key: key) else { return nil }
        let negative = text.value.hasPrefix("-")
        let digits = negative || text.value.hasPrefix("+") ? text.value.dropFirst() : Substring(text.value)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            log.error("\(what) must be a whole number, found \"\(text.value)\"", at: text.position)
            return nil
        }
        // Too many digits for Int is simply beyond the bound on its side.
        let number = Int(text.value) ?? (negative ? .min : .max)
        guard number >= minimum else {
            log.error("\(what) must be ≥ \(minimum), found \(text.value)", at: text.position)
            return nil
        }
        guard number <= maximum else {
            log.error("\(what) must be ≤ \(maximum), found \(text.value)", at: text.position)
            return nil
        }
        return Located(value: number, position: text.position)
    }

    /// A duration (``DurationParser``).
    mutating func duration(_ node: RuleNode, what: String, key: SourcePlace? = nil,
                           longest: TimeSpan = InputBounds.longestDuration) -> Located<TimeSpan>? {
        guard let text = text(node, what: what, key: key) else { return nil }
        switch DurationParser.parse(text.value, longest: longest) {
        case .success(let span): return Located(value: span, position: text.position)
        case .failure(let error):
            log.error(error.message(in: what), at: text.position)
            return nil
        }
    }

    /// Items given either as a list or as one comma-separated text
    /// (`wed, thu` or `[wed, thu]`), each with its own position.
    mutating func textList(_ node: RuleNode, what: String, key: SourcePlace? = nil) -> [Located<String>]? {
        switch node.content {
        case .scalar(_, true):
            log.error("missing value for \(what)", at: key ?? node.position)
            return nil
        case .scalar(let text, false):
            var out: [Located<String>] = []
            var offset = 0
            var ok = true
            for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
                let leading = piece.prefix { $0 == " " }.unicodeScalars.count
                let item = String(piece).strippingSpaces
                let at = node.position(ofScalarOffset: offset + leading)
                if item.isEmpty {
                    log.error("\(what) has an empty item in \"\(text)\"", at: at)
                    ok = false
                } else {
                    out.append(Located(value: item, position: at))
                }
                offset += piece.unicodeScalars.count + 1
            }
            return ok ? out : nil
        case .sequence(let items):
            var out: [Located<String>] = []
            var ok = true
            for item in items {
                if let text = text(item, what: "an item of \(what)") { out.append(text) } else { ok = false }
            }
            return ok ? out : nil
        case .mapping:
            log.error("\(what) must be text or a list, found \(node.shapeDescription)", at: node.position)
            return nil
        }
    }

    // MARK: Fields

    /// The value of a present key as text.
    mutating func text(_ fields: RuleFields, _ key: String) -> Located<String>? {
        fields[key].flatMap { text($0, what: fields.describe(key), key: fields.keyPosition(key)) }
    }

    mutating func word(_ fields: RuleFields, _ key: String) -> Located<String>? {
        fields[key].flatMap { word($0, what: fields.describe(key), key: fields.keyPosition(key)) }
    }

    mutating func name(_ fields: RuleFields, _ key: String) -> Located<String>? {
        fields[key].flatMap { name($0, what: fields.describe(key), key: fields.keyPosition(key)) }
    }

    mutating func bool(_ fields: RuleFields, _ key: String) -> Bool? {
        fields[key].flatMap { bool($0, what: fields.describe(key), key: fields.keyPosition(key)) }
    }

    mutating func integer(_ fields: RuleFields, _ key: String, minimum: Int, maximum: Int = .max) -> Located<Int>? {
        fields[key].flatMap { integer($0, what: fields.describe(key), minimum: minimum, maximum: maximum, key: fields.keyPosition(key)) }
    }

    mutating func duration(_ fields: RuleFields, _ key: String,
                           longest: TimeSpan = InputBounds.longestDuration) -> Located<TimeSpan>? {
        fields[key].flatMap { duration($0, what: fields.describe(key), key: fields.keyPosition(key), longest: longest) }
    }

    mutating func textList(_ fields: RuleFields, _ key: String) -> [Located<String>]? {
        fields[key].flatMap { textList($0, what: fields.describe(key), key: fields.keyPosition(key)) }
    }

    mutating func items(_ fields: RuleFields, _ key: String) -> [RuleNode]? {
        fields[key].flatMap { items(of: $0, what: fields.describe(key)) }
    }
}
