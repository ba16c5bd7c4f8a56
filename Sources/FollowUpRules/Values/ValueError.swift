/// Why a scalar does not denote the value its key expects. The reader adds
/// where it was written (the position) and what it was for (the subject), so
/// the parsers stay independent of the file layout:
/// `invalid duration "5 mins" in `first_touch` of priority "high": unknown unit "mins"; write e.g. 5m…`.
struct ValueError: Error, Equatable {
    /// What is wrong, quoting the text: `invalid duration "5 mins"`.
    var head: String
    /// Why, and how to write it instead, starting with its own punctuation (`: …` or `; …`).
    var detail: String

    init(_ head: String, _ detail: String) {
        self.head = head
        self.detail = detail
    }

    /// The full message about the value of `subject` (`` `first_touch` of priority "high" ``).
    func message(in subject: String) -> String { "\(head) in \(subject)\(detail)" }
}
