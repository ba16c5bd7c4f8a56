import FollowUpCore

extension SourcePlace {
    /// The file as a whole (unreadable, missing, not UTF-8 without a better place).
    static func whole(_ file: String) -> SourcePlace { SourcePlace(file: file, line: 0, column: 0) }

    /// `LINE:COL` when `other` is in the same file (shorter messages), else the full `FILE:LINE:COL`.
    func shortDescription(relativeTo other: SourcePlace) -> String {
        other.file == file && line > 0 ? "\(line):\(column)" : description
    }
}

/// A value read from a rule file together with where it was written, so a
/// check made long after parsing (a reference to a missing calendar) can still
/// point at the exact scalar.
struct Located<Value> {
    var value: Value
    var position: SourcePlace
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
