import FollowUpCore
import Yams

/// One rule file composed into a YAML node tree, plus the syntax problems found
/// on the way, each turned into `FILE:LINE:COL: message`.
///
/// A repeated key is the one syntax problem reading can recover from: the
/// repeat is masked and composing starts over, so the rest of the file is
/// still checked (see ``DuplicateKeyLocator``).
struct RuleDocument {
    /// The root node; nil for an empty file or one that is not valid YAML.
    private(set) var root: RuleNode?
    /// Positions of repeated keys that were masked (and already reported): readers skip them.
    private(set) var maskedKeys: Set<SourcePlace> = []
    private(set) var log = ProblemLog()

    /// More repeats than this in one file are reported as they come, one per load.
    private static let maxMaskedKeys = 100

    init(file: String, text: String) {
        if let hit = AnchorScan.first(in: text) {
            let what = hit.isAlias ? "a YAML alias (*name)" : "a YAML anchor (&name)"
            log.error("\(what) is not allowed here: write each value out (aliases can multiply a small file into a huge one); "
                      + "quote the text if `\(hit.isAlias ? "*" : "&")` is part of a value", at: SourcePlace(file: file, line: hit.line, column: hit.column))
            return
        }
        var text = text
        for attempt in 0...Self.maxMaskedKeys {
            do {
                root = try Yams.compose(yaml: text).map { RuleNode($0, file: file) }
                return
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                let key = duplicates.first ?? ""
                let first = SourcePlace(file: file, line: context.mark.line, column: context.mark.column)
                guard attempt < Self.maxMaskedKeys,
                      let again = DuplicateKeyLocator.nextOccurrence(
                          of: key, firstLine: first.line, column: first.column, in: text)
                else {
                    log.error("duplicate key \"\(key)\" in one mapping; YAML keys must be unique "
                              + "(the rest of this file was not checked)", at: first)
                    return
                }
                let at = SourcePlace(file: file, line: again.line, column: again.column)
                log.error("duplicate key \"\(key)\" (first at \(first.shortDescription(relativeTo: at))); "
                          + "YAML keys must be unique", at: at)
                maskedKeys.insert(at)
                // A private-use scalar per attempt keeps masked keys from colliding with each other.
                let filler = Unicode.Scalar(0xE000 + UInt32(attempt)) ?? "\u{E000}"
                text = DuplicateKeyLocator.masking(again, in: text, with: filler)
            } catch let error as YamlError {
                let (position, message) = Self.describe(error, file: file, text: text)
                log.error(message, at: position)
                return
            } catch {
                log.error("cannot read YAML: \(error)", at: SourcePlace(file: file, line: 1, column: 1))
                return
            }
        }
    }

    /// Where a Yams error happened and what to tell the admin.
    static func describe(_ error: YamlError, file: String, text: String) -> (SourcePlace, String) {
        func at(_ mark: Mark) -> SourcePlace { SourcePlace(file: file, line: mark.line, column: mark.column) }
        func syntax(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> (SourcePlace, String) {
            var message = "YAML syntax error: \(problem)"
            if problem.hasPrefix("Maximum nesting level") {
                message = "YAML syntax error: the file nests lists and mappings too deeply"
            } else if let context, context.text.hasPrefix("while") {
                // libyaml's context names the construct it was in and where that started.
                message += " (\(context.text) started at \(context.mark.line):\(context.mark.column))"
            } else if let context {
                // "expected a single document in the stream", "but found another document"
                message = "YAML syntax error: \(context.text), \(problem)"
            }
            if character(at: mark, in: text) == "\t" || problem.contains("tab") {
                message += "; tabs are not allowed for indentation in YAML, indent with spaces"
            }
            if problem.contains("another document") {
                message += "; a rule file holds one YAML document, remove the `---` separator"
            }
            return (at(mark), message)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return syntax(problem, context, mark)
        case let .reader(problem, offset, _, _):
            return (position(ofCharacterOffset: offset ?? 0, in: text, file: file), "cannot read the file: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return (at(context.mark), "duplicate key \"\(duplicates.first ?? "")\"; YAML keys must be unique")
        default:
            return (SourcePlace(file: file, line: 1, column: 1), "cannot read YAML: \(error)")
        }
    }

    /// The scalar libyaml's mark points at (1-based line and column), if any.
    private static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if line == mark.line && column == mark.column { return scalar }
            if scalar == "\n" {
                if line == mark.line { return nil }
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return nil
    }

    /// Line and column of the character `offset` characters into `text` (Yams
    /// gives reader errors as an offset).
    private static func position(ofCharacterOffset offset: Int, in text: String, file: String) -> SourcePlace {
        var line = 1, column = 1
        for character in text.prefix(max(0, offset)) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return SourcePlace(file: file, line: line, column: column)
    }
}
