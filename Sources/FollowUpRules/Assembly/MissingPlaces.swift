import FollowUpCore
/// Where the compiler reports what no file defines ("the rule set defines no
/// calendar"), so the problem has a line and names the file most likely at
/// fault rather than whichever file happened to load last:
///
/// 1. the section's own key, when a file writes it with nothing usable under
///    it (`calendars:` alone, or `routing:` without `default_team`);
/// 2. else the start of a file that defines nothing at all: an emptied or
///    truncated file is the likeliest place the definitions went missing;
/// 3. else the end of the last file, where an admin would add it.
struct MissingPlaces {
    private var sectionKeys: [String: SourcePlace] = [:]
    private var emptyFile: SourcePlace?
    private var end: SourcePlace

    /// Places for a set with no files: the origin (a directory) as a whole.
    init(origin: String) { end = .whole(origin) }

    /// Takes note of one file's sections, in load order.
    mutating func add(_ fragment: RuleFragment) {
        // A later file's key wins, as its definitions would.
        sectionKeys.merge(fragment.sectionKeys) { _, later in later }
        if fragment.sectionKeys.isEmpty, emptyFile == nil {
            emptyFile = SourcePlace(file: fragment.end.file, line: 1, column: 1)
        }
        end = fragment.end
    }

    /// Where to report that no file defines `section` (a top-level key).
    func place(for section: String) -> SourcePlace {
        sectionKeys[section] ?? emptyFile ?? end
    }
}
