/// A place in a rule file: what every problem points at.
struct SourcePosition: Hashable, Sendable, CustomStringConvertible {
    var file: String
    /// 1-based; 0 for "the file as a whole".
    var line: Int
    /// 1-based, in Unicode scalars.
    var column: Int

    /// The file as a whole (unreadable, missing, not UTF-8 without a better place).
    static func whole(_ file: String) -> SourcePosition { SourcePosition(file: file, line: 0, column: 0) }

    /// `FILE:LINE:COL`, the form notes use to point at another definition.
    var description: String { line > 0 ? "\(file):\(line):\(column)" : file }

    /// `LINE:COL` when `other` is in the same file (shorter messages), else the full form.
    func shortDescription(relativeTo other: SourcePosition) -> String {
        other.file == file && line > 0 ? "\(line):\(column)" : description
    }
}

/// A value read from a rule file together with where it was written, so a
/// check made long after parsing (a reference to a missing calendar) can still
/// point at the exact scalar.
struct Located<Value> {
    var value: Value
    var position: SourcePosition
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
