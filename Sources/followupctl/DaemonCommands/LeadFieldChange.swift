import ArgumentParser
import FollowUpCore

/// One `--set field=value` of `followupctl lead update`, typed as
/// `lead.updated` reads it: `company_size` is an integer, every other field
/// (the profile's and any attribute) a string.
struct LeadFieldChange {
    let field: String
    let value: JSONValue

    /// Fields `lead.updated` refuses, and what to do instead: caught here so
    /// the rep learns it before anything is sent.
    static let refused = [
        "owner": "reassign the lead instead (a lead.reassigned event)",
        "score": "activities score a lead",
        "priority": "triage decides it from the lead's data",
        "id": "the lead is the command's argument",
    ]

    /// Fields whose value is a whole number.
    static let integers: Set<String> = ["company_size"]

    init(parsing argument: String) throws(ValidationError) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw ValidationError("--set \(argument): give field=value, e.g. phone=+1 555 0101")
        }
        let field = String(argument[..<equals])
        let text = String(argument[argument.index(after: equals)...])
        guard !field.isEmpty else { throw ValidationError("--set \(argument): the field name is missing") }
        if let why = Self.refused[field] {
            throw ValidationError("--set \(field): \(field) cannot be changed by lead update; \(why)")
        }
        // The daemon reads an empty string as "not given": refuse it rather than send a change that changes nothing.
        guard !text.isEmpty else { throw ValidationError("--set \(field)=: give a value") }
        if Self.integers.contains(field) {
            guard let number = Int(text) else {
                throw ValidationError("--set \(field)=\(text): \(field) is a whole number")
            }
            value = .number(String(number))
        } else {
            value = .string(text)
        }
        self.field = field
    }
}
