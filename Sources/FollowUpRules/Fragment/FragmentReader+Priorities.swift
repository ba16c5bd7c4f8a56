import FollowUpCore

/// `priorities:` — named tiers, highest first, each with its first-touch time
/// (business time) or `cadence: false` for nurture-only leads.
extension FragmentReader {
    mutating func readPriorities(_ node: RuleNode) {
        fragment.priorities = readNamed(node, section: "priorities") { $0.readPriority(name: $1, node: $2) }
    }

    private mutating func readPriority(name: Located<String>, node: RuleNode) -> PriorityTier? {
        let context = "priority \"\(name.value)\""
        guard let fields = reader.fields(of: node, context: context, allowed: ["first_touch", "cadence"], at: name.position)
        else { return nil }
        switch (fields.has("first_touch"), fields.has("cadence")) {
        case (true, true):
            reader.log.error("\(context) has both `first_touch` and `cadence`; a nurture-only priority "
                             + "(`cadence: false`) has no first touch", at: fields.keyPosition("cadence") ?? name.position)
            return nil
        case (false, false):
            reader.log.error("\(context) needs `first_touch: DURATION` (e.g. 5m) or `cadence: false` (nurture only)",
                             at: name.position)
            return nil
        case (true, false):
            guard let span = reader.duration(fields, "first_touch") else { return nil }
            guard span.value > .zero else {
                reader.log.error("\(fields.describe("first_touch")) must be longer than 0", at: span.position)
                return nil
            }
            return PriorityTier(name: name.value, firstTouch: span.value)
        case (false, true):
            guard let cadence = reader.bool(fields, "cadence") else { return nil }
            guard !cadence else {
                reader.log.error("`cadence: true` in \(context) says nothing: give the first-touch time instead "
                                 + "(`first_touch: 1h`)", at: fields.keyPosition("cadence") ?? name.position)
                return nil
            }
            return PriorityTier(name: name.value, firstTouch: nil)
        }
    }
}
