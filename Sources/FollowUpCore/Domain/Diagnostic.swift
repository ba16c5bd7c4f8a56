/// What is wrong with an input, and where: the one type every reader reports
/// with, from the API's body reader to the rule files.
///
/// It holds a sentence (``message``) and, when known, the field at fault (a
/// dotted path such as `lead.company_size` in an event, `accepted[0].seq` in
/// an API body), the ``place`` in a file, and a ``severity``. The API answers
/// it as `{"error":message,"field":field}`.
///
/// ## How it prints
/// ``description`` joins what the diagnostic holds, each part left out when
/// absent, so every reader's style comes from the one rule
/// `PLACE: SEVERITY: FIELD: MESSAGE`:
///
/// | Reader                  | Holds                          | Prints                                  |
/// |-------------------------|--------------------------------|-----------------------------------------|
/// | API, event decoder      | field                          | `lead.score: expected an integer, …`    |
/// | event script (simulate) | file, line, field              | `events.jsonl:4: at: … is earlier …`    |
/// | rule and config files   | file, line, column, severity   | `10-reps.yaml:3:7: error: …`            |
/// | a whole rule file       | file, severity                 | `rules.d: error: cannot read …`         |
/// | CSV import              | line, column and its name      | `2:3(email): not an email address: …`   |
///
/// A severity is printed only when the diagnostic carries one: readers whose
/// findings can be mere notes (the rule files) grade each finding, and say so
/// in print as compilers do; everywhere else every diagnostic refuses the
/// input, so there is nothing to grade. A CSV place leaves the file empty:
/// the caller prints the file name in front.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How much a diagnostic matters, for readers that report notes too.
    public enum Severity: String, Hashable, Sendable {
        /// The input cannot be used.
        case error
        /// Informational (an override, a reference to a rep the rule files do
        /// not declare); the input is still valid.
        case note
    }

    /// The field at fault, a dotted path; empty for the whole input.
    public var field: String
    /// What is wrong, in a sentence that names the offending value.
    public var message: String
    /// Where in a file; nil for input that is not a file (an API body).
    public var place: SourcePlace?
    /// The grade, when the reader grades (rule files); nil means an error that is printed without a label.
    public var severity: Severity?

    /// Creates a diagnostic; leave out what the reader does not know.
    public init(field: String = "", message: String, place: SourcePlace? = nil, severity: Severity? = nil) {
        self.field = field
        self.message = message
        self.place = place
        self.severity = severity
    }

    /// `PLACE: SEVERITY: FIELD: MESSAGE`, each part left out when absent (see the type's description).
    public var description: String {
        var text = ""
        if let place {
            let at = place.description
            if !at.isEmpty { text += at + ": " }
        }
        if let severity { text += severity.rawValue + ": " }
        if !field.isEmpty { text += field + ": " }
        return text + message
    }
}
