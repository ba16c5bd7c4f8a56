import FollowUpCore
/// Collects problems while files are read, merged and compiled: loading never
/// stops at the first one, so an admin fixes everything in one round.
struct ProblemLog {
    private(set) var problems: [Diagnostic] = []

    /// Records an error at `position`.
    mutating func error(_ message: String, at position: SourcePlace) {
        add(message, at: position, severity: .error)
    }

    /// Records a note at `position`.
    mutating func note(_ message: String, at position: SourcePlace) {
        add(message, at: position, severity: .note)
    }

    /// Takes over problems another log collected.
    mutating func append(contentsOf other: ProblemLog) { problems += other.problems }

    var hasErrors: Bool { errorCount > 0 }

    /// How many errors so far: a reader compares it before and after reading a
    /// definition to know whether that definition is usable.
    var errorCount: Int { problems.count { $0.severity == .error } }

    /// The problems ordered by file (in `fileOrder`), line and column; the sort
    /// is stable so problems at one place keep the order they were found in.
    func sorted(fileOrder: [String]) -> [Diagnostic] {
        let rank = Dictionary(fileOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return problems.enumerated().sorted { a, b in
            // Every problem in the log has a place: `add` gives it one.
            let pa = a.element.place ?? SourcePlace(), pb = b.element.place ?? SourcePlace()
            let ka = (rank[pa.file] ?? -1, pa.line, pa.column, a.offset)
            let kb = (rank[pb.file] ?? -1, pb.line, pb.column, b.offset)
            return ka < kb
        }.map(\.element)
    }

    private mutating func add(_ message: String, at position: SourcePlace, severity: Diagnostic.Severity) {
        problems.append(Diagnostic(message: message, place: position, severity: severity))
    }
}
