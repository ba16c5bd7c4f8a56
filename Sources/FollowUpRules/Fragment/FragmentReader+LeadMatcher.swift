import FollowUpCore

/// `when:` — which leads a triage rule or team route applies to: a list of
/// alternatives (any may match), each a mapping of conditions (all must hold).
extension FragmentReader {
    /// The condition keys an alternative may use.
    static let conditionKeys = ["source", "company_size_at_least", "need", "missing", "stage", "attributes"]
    /// The values `need` can take (the lead's `need` field).
    static let needs = ["new", "current"]

    /// The matcher a `when:` value describes. A single mapping is read as a
    /// list of one alternative. An empty `when` is refused: it would silently
    /// match every lead, which leaving `when` out already says plainly.
    mutating func readMatcher(_ node: RuleNode, context: String, key: SourcePlace) -> LeadMatcher? {
        let alternatives: [RuleNode]
        switch node.content {
        case .mapping: alternatives = [node]
        case .sequence(let items): alternatives = items
        case .scalar(_, true): alternatives = []
        case .scalar:
            reader.log.error("`when` of \(context) must be a list of conditions, e.g. `- source: [web_form, chat]`, "
                             + "found \(node.shapeDescription)", at: node.position)
            return nil
        }
        guard !alternatives.isEmpty else {
            reader.log.error("`when` of \(context) is empty; leave `when` out to match every lead", at: key)
            return nil
        }
        var out: [[LeadCondition]] = []
        var ok = true
        for alternative in alternatives {
            if let conditions = readConditions(alternative, context: context) { out.append(conditions) } else { ok = false }
        }
        return ok ? LeadMatcher(alternatives: out) : nil
    }

    /// One alternative: every listed condition must hold.
    private mutating func readConditions(_ node: RuleNode, context: String) -> [LeadCondition]? {
        let where_ = "a condition of \(context)"
        let errorsBefore = reader.log.errorCount
        guard let fields = reader.fields(of: node, context: where_, allowed: Self.conditionKeys) else { return nil }
        var conditions: [LeadCondition] = []
        if let sources = reader.textList(fields, "source") {
            conditions.append(.sourceIn(Set(sources.map(\.value))))
        }
        if let size = reader.integer(fields, "company_size_at_least", minimum: 0, maximum: InputBounds.companySize.upperBound) {
            conditions.append(.companySizeAtLeast(size.value))
        }
        if let needs = reader.textList(fields, "need") {
            for need in needs where !Self.needs.contains(need.value) {
                reader.log.error("unknown need \"\(need.value)\" in \(where_) (expected new or current)", at: need.position)
            }
            conditions.append(.needIn(Set(needs.map(\.value))))
        }
        if let fieldNames = reader.textList(fields, "missing") {
            let known = LeadProfile.knownFields.sorted()
            var names: [String] = []
            for field in fieldNames {
                guard LeadProfile.knownFields.contains(field.value) else {
                    reader.log.error("unknown lead field \"\(field.value)\" in `missing` of \(context) "
                                     + "(expected one of: \(known.joined(separator: ", ")))"
                                     + KeySuggestion.hint(for: field.value, among: known), at: field.position)
                    continue
                }
                if !names.contains(field.value) { names.append(field.value) }
            }
            conditions.append(.missing(names))
        }
        if let stages = reader.textList(fields, "stage") {
            conditions.append(.stageIn(Set(stages.map(\.value))))
        }
        // `attributes: {country: [US, CA]}`: any string field the lead carries beyond the known ones.
        if let node = fields["attributes"], let entries = reader.entries(of: node, what: "`attributes` of \(where_)") {
            if entries.isEmpty {
                reader.log.error("`attributes` of \(where_) names no attribute; e.g. `attributes: {country: [US, CA]}`",
                                 at: fields.keyPosition("attributes") ?? node.position)
            }
            for entry in entries {
                if let values = reader.textList(entry.value, what: "attribute \"\(entry.key.value)\" of \(where_)",
                                                key: entry.key.position) {
                    conditions.append(.attributeIn(entry.key.value, Set(values.map(\.value))))
                }
            }
        }
        if conditions.isEmpty && reader.log.errorCount == errorsBefore {
            reader.log.error("an alternative in `when` of \(context) has no condition; "
                             + "use one of: \(Self.conditionKeys.joined(separator: ", "))", at: node.position)
        }
        return reader.log.errorCount == errorsBefore ? conditions : nil
    }
}
