/// Finds YAML anchors (`&name`) and aliases (`*name`) in a file's text before
/// it is composed, so rule and config files can refuse them.
///
/// An alias repeats the node it names, and nodes can name nodes: a few lines of
/// `&a [*b, *b, …]` stand for billions of nodes. Yams composes them cheaply
/// but hashes mapping keys in full, and the readers walk what they read, so a
/// 1 KiB preview could take the daemon's CPU for hours. Rule files never need
/// them (a later file overrides an earlier one instead), so they are refused.
///
/// The scan errs towards finding one: an `&` or `*` followed by a name
/// character counts when it starts a token (line start, after a space, `[`,
/// `{` or `,`) outside comments and quoted scalars. Text like `R&D` is not an
/// anchor; a value that starts a word with `&` or `*` must be quoted.
enum AnchorScan {
    /// Where the first anchor or alias is (1-based line and column) and which it is.
    struct Hit: Equatable {
        var line: Int
        var column: Int
        var isAlias: Bool
    }

    static func first(in text: String) -> Hit? {
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 0
        var quote: Unicode.Scalar?  // the quote character of the scalar we are in
        var inComment = false
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            let previous: Unicode.Scalar = i > 0 ? scalars[i - 1] : "\n"
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            i += 1
            column += 1
            if c == "\n" {
                line += 1
                column = 0
                inComment = false
                continue
            }
            if inComment { continue }
            if let open = quote {
                if (open == "'" && c == "'" && next == "'") || (open == "\"" && c == "\\" && next != "\n") {
                    // '' inside single quotes, and an escape (\" or \\) inside double quotes, stay inside.
                    i += 1
                    column += 1
                } else if c == open {
                    quote = nil
                }
                continue
            }
            let startsToken = previous == "\n" || previous == " " || previous == "\t" || previous == "\r"
                || previous == "[" || previous == "{" || previous == ","
            switch c {
            case "#" where startsToken:
                inComment = true
            case "\"" where startsToken, "'" where startsToken:
                quote = c
            case "&", "*":
                if startsToken, let name = next, isNameCharacter(name) {
                    return Hit(line: line, column: column, isAlias: c == "*")
                }
            default:
                break
            }
        }
        return nil
    }

    /// YAML anchor names: anything but spaces and flow indicators.
    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        !(c == " " || c == "\t" || c == "\n" || c == "\r" || c == "," || c == "[" || c == "]" || c == "{" || c == "}")
    }
}
