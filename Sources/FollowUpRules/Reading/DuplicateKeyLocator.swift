/// Finds the second occurrence of a key libyaml reported as duplicated, so the
/// error can point at the line to delete and the rest of the file can still
/// be checked.
///
/// Yams refuses a mapping with a repeated key and names only the first
/// occurrence. In block style (the way rule files are written) the repeat sits
/// at the same column further down, before the mapping's indentation ends; this
/// scans for it. Flow mappings (`{a: 1, a: 2}`) are not searched: the caller
/// then reports the first occurrence and stops reading that file.
enum DuplicateKeyLocator {
    /// A key occurrence: 1-based line and column, and its length in Unicode scalars (quotes included).
    struct Occurrence: Equatable {
        var line: Int
        var column: Int
        var length: Int
    }

    /// The next block-style occurrence of `key` in the mapping whose first occurrence is at `line`:`column`.
    static func nextOccurrence(of key: String, firstLine line: Int, column: Int, in text: String) -> Occurrence? {
        let lines = splitLines(text)
        let col = column - 1
        guard line >= 1, col >= 0, line <= lines.count else { return nil }
        for index in line..<lines.count {
            let scalars = lines[index]
            guard let indent = scalars.firstIndex(where: { $0 != " " }) else { continue }
            if scalars[indent] == "#" { continue }
            if indent < col { return nil }  // the mapping ended (or a new list item began)
            if indent > col { continue }  // a nested value
            if let length = keyLength(key, in: scalars, at: col) {
                return Occurrence(line: index + 1, column: column, length: length)
            }
        }
        return nil
    }

    /// `text` with the occurrence's scalars replaced by `filler`, one for one,
    /// so every other position in the file stays the same.
    static func masking(_ occurrence: Occurrence, in text: String, with filler: Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            let inside = line == occurrence.line && column >= occurrence.column
                && column < occurrence.column + occurrence.length
            out.append(inside ? filler : scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return String(out)
    }

    /// The length of `key` written at `col` (plain, 'single' or "double" quoted)
    /// when it is followed by `:` and a space or the end of the line.
    private static func keyLength(_ key: String, in scalars: [Unicode.Scalar], at col: Int) -> Int? {
        let bare = Array(key.unicodeScalars)
        for quote in [nil, "'", "\""] as [Unicode.Scalar?] {
            let token = quote.map { [$0] + bare + [$0] } ?? bare
            let end = col + token.count
            guard end <= scalars.count, Array(scalars[col..<end]) == token else { continue }
            var i = end
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count, scalars[i] == ":" else { continue }
            if i + 1 == scalars.count || scalars[i + 1] == " " || scalars[i + 1] == "\t" { return token.count }
        }
        return nil
    }

    /// Lines as Unicode scalars, without their `\n` or `\r\n`.
    private static func splitLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if lines[lines.count - 1].last == "\r" { lines[lines.count - 1].removeLast() }
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
        return lines
    }
}
