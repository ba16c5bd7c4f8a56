import FollowUpCore

/// `triage:` — the ordered rules that give a new lead its priority and policy;
/// the first rule that matches wins.
extension FragmentReader {
    static let triageKeys = ["name", "priority", "policy", "when", "before"]

    mutating func readTriage(_ node: RuleNode) {
        guard let items = reader.items(of: node, what: "`triage`") else { return }
        var seen: [String: SourcePlace] = [:]
        for (index, item) in items.enumerated() {
            let context = item.peek("name").map { "triage rule \"\($0)\"" } ?? "triage rule #\(index + 1)"
            let errorsBefore = reader.log.errorCount
            guard let fields = reader.fields(of: item, context: context, allowed: Self.triageKeys,
                                             required: ["name", "priority"]),
                  let name = reader.text(fields, "name")
            else { continue }
            guard claim(name, kind: "triage rule", in: &seen) else { continue }
            let priority = reader.text(fields, "priority")
            let policy = reader.text(fields, "policy")
            let insertBefore = reader.text(fields, "before")
            var matcher: LeadMatcher? = .always
            if let when = fields["when"] {
                matcher = readMatcher(when, context: context, key: fields.keyPosition("when") ?? name.position)
            }
            let draft: TriageDraft? = if let priority, let matcher, reader.log.errorCount == errorsBefore {
                TriageDraft(priority: priority, policy: policy, matcher: matcher)
            } else {
                nil
            }
            fragment.triage.append(Definition(name: name.value, position: name.position, value: draft, before: insertBefore))
        }
    }
}
