import FollowUpCore

/// `reps:` — an optional roster. Events (`rep.upserted`) can add and change
/// reps later, so a backup the files do not declare is only a note.
extension FragmentReader {
    static let repKeys = ["id", "name", "email", "team", "backup", "timezone", "weight", "capacity"]

    mutating func readReps(_ node: RuleNode) {
        guard let items = reader.items(of: node, what: "`reps`") else { return }
        var seen: [String: SourcePlace] = [:]
        for (index, item) in items.enumerated() {
            let context = item.peek("id").map { "rep \"\($0)\"" } ?? "rep #\(index + 1)"
            let errorsBefore = reader.log.errorCount
            guard let fields = reader.fields(of: item, context: context, allowed: Self.repKeys, required: ["id"]),
                  let id = reader.name(fields, "id")
            else { continue }
            guard claim(id, kind: "rep", in: &seen) else { continue }
            let name = reader.text(fields, "name")
            let email = reader.word(fields, "email")
            if let email, !email.value.contains("@") {
                reader.log.error("\(fields.describe("email")) does not look like an address: \"\(email.value)\"",
                                 at: email.position)
            }
            let team = reader.name(fields, "team")
            let backup = reader.name(fields, "backup")
            if let backup, backup.value == id.value {
                reader.log.error("rep \"\(id.value)\" cannot be their own backup; name another rep or leave `backup` out",
                                 at: backup.position)
            }
            let timezone = fields.has("timezone") ? readZone(fields, "timezone")?.identifier : nil
            let weight = fields.has("weight")
                ? reader.integer(fields, "weight", minimum: InputBounds.repWeight.lowerBound, maximum: InputBounds.repWeight.upperBound) : nil
            let capacity = fields.has("capacity")
                ? reader.integer(fields, "capacity", minimum: InputBounds.repCapacity.lowerBound,
                                 maximum: InputBounds.repCapacity.upperBound) : nil
            let draft: RepDraft? = reader.log.errorCount == errorsBefore
                ? RepDraft(rep: Rep(id: id.value, name: name?.value, email: email?.value, team: team?.value,
                                    backup: backup?.value, timezone: timezone, weight: weight?.value, capacity: capacity?.value),
                           backup: backup)
                : nil
            fragment.reps.append(Definition(name: id.value, position: id.position, value: draft))
        }
    }
}
