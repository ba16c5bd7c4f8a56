import FollowUpTestSupport

/// Damages one file of a rule set the ways hands and tools do: a line deleted,
/// duplicated or swapped, a character flipped, a number replaced by a huge,
/// negative or odd one, the file cut short. Seeded, so a failing set can be
/// rebuilt from its index.
struct RuleMutator {
    /// Numbers a mutation writes in place of one in the file.
    static let numbers = ["9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999",
                          "-1", "0", "00", "007", "0o7", "0x1F", "1e9", "1.5", "-0", "+5", "8760", "100000000",
                          // Int64.max seconds divided by each unit: they pass the parser's overflow check, not the engine's.
                          "153722867280912930", "2562047788015215", "106751991167300", "15250284452471"]
    /// Characters a flip writes: YAML's syntax, quotes, spaces, and bytes that are not text.
    static let characters: [Character] = [" ", "\t", ":", "-", "[", "]", "{", "}", "\"", "'", "#", "\n", "&", "*", "!",
                                          "|", ">", "%", "@", ",", "?", "0", "9", "x", "\u{0}", "\u{7F}", "é", "\u{FEFF}"]

    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// `text` with one to three mutations, and what they were (for failure messages).
    mutating func mutate(_ text: String) -> (text: String, edits: [String]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edits: [String] = []
        for _ in 0...pick(2) {
            guard !lines.isEmpty else { break }
            let i = pick(lines.count - 1)
            switch pick(6) {
            case 0:
                edits.append("delete line \(i + 1)")
                lines.remove(at: i)
            case 1:
                edits.append("duplicate line \(i + 1)")
                lines.insert(lines[i], at: i)
            case 2:
                let j = pick(lines.count - 1)
                edits.append("swap lines \(i + 1) and \(j + 1)")
                lines.swapAt(i, j)
            case 3:
                var chars = Array(lines[i])
                guard !chars.isEmpty else { continue }
                let at = pick(chars.count - 1)
                let by = Self.characters[pick(Self.characters.count - 1)]
                edits.append("line \(i + 1) column \(at + 1): \(chars[at].debugDescription) → \(by.debugDescription)")
                chars[at] = by
                lines[i] = String(chars)
            case 4, 5:
                // Numbers are where overflow hides: mutate them more often.
                guard let (index, line) = lineWithNumber(in: lines, from: i) else { continue }
                let number = Self.numbers[pick(Self.numbers.count - 1)]
                lines[index] = replacingFirstNumber(in: line, with: number)
                edits.append("line \(index + 1): a number → \(number)")
            default:
                let joined = lines.joined(separator: "\n")
                let cut = pick(joined.count)
                edits.append("truncate at character \(cut)")
                lines = String(joined.prefix(cut)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            }
        }
        return (lines.joined(separator: "\n"), edits)
    }

    /// A whole number in `0...upper`.
    mutating func pick(_ upper: Int) -> Int { Int(random.next() % UInt64(max(upper, 0) + 1)) }

    /// The first line at or after `start` (wrapping) that holds a digit outside a comment.
    private func lineWithNumber(in lines: [String], from start: Int) -> (Int, String)? {
        for offset in 0..<lines.count {
            let index = (start + offset) % lines.count
            let code = lines[index].split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            if code.contains(where: \.isNumber) { return (index, lines[index]) }
        }
        return nil
    }

    private func replacingFirstNumber(in line: String, with number: String) -> String {
        guard let start = line.firstIndex(where: \.isNumber) else { return line }
        let end = line[start...].firstIndex { !$0.isNumber } ?? line.endIndex
        return String(line[..<start]) + number + String(line[end...])
    }
}
