import FollowUpCore
/// Notes for a refused rule set about files that look damaged rather than
/// wrong: one that defines nothing (emptied?) or ends mid-line (cut short?).
///
/// A file truncated before its `policies:` reads cleanly; what is refused is a
/// reference to a policy in another, healthy file. The note names the file the
/// admin should look at instead.
enum DamageHints {
    /// The notes for `sources` (each with its fragment), given the set was refused.
    static func notes(for files: [(source: RuleSource, fragment: RuleFragment)]) -> ProblemLog {
        var log = ProblemLog()
        for (source, fragment) in files where !fragment.isUnreadable {
            if fragment.sectionKeys.isEmpty {
                log.note("this file defines nothing: was it emptied by mistake?",
                         at: SourcePlace(file: source.path, line: 1, column: 1))
            } else if let last = source.text.unicodeScalars.last, last != "\n" {
                // POSIX text files end with a newline; a cut copy or a full disk usually leaves none.
                let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
                log.note("this file ends mid-line, without a newline: was it cut short?",
                         at: SourcePlace(file: source.path, line: lines.count,
                                            column: (lines.last?.unicodeScalars.count ?? 0) + 1))
            }
        }
        return log
    }
}
