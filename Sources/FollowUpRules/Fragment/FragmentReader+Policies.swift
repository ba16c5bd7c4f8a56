import FollowUpCore

/// `policies:` — named cadences: the steps (touch k is step k), their due
/// times and deadlines, call windows, nurture and engagement.
extension FragmentReader {
    static let policyKeys = ["calendar", "nurture_every", "auto_acknowledge", "engaged_by", "call_windows", "steps"]
        + followThroughKeys
    static let stepKeys = ["name", "channel", "due", "deadline", "deadline_at_least", "in_call_window"]

    mutating func readPolicies(_ node: RuleNode) {
        fragment.policies = readNamed(node, section: "policies") { $0.readPolicy(name: $1, node: $2) }
    }

    private mutating func readPolicy(name: Located<String>, node: RuleNode) -> PolicyDraft? {
        let context = "policy \"\(name.value)\""
        guard let fields = reader.fields(of: node, context: context, allowed: Self.policyKeys,
                                         required: ["calendar", "nurture_every", "steps"], at: name.position)
        else { return nil }
        let calendar = reader.text(fields, "calendar")
        let nurture = reader.duration(fields, "nurture_every")
        if let nurture, nurture.value <= .zero {
            reader.log.error("\(fields.describe("nurture_every")) must be longer than 0", at: nurture.position)
        }
        let autoAcknowledge = fields.has("auto_acknowledge") ? reader.bool(fields, "auto_acknowledge") : false
        let engaging = fields.has("engaged_by") ? readOutcomes(fields) : [.connected, .replied, .meeting]
        var windows: CallWindows? = CallWindows(ranks: [], maxShift: .zero)
        if let node = fields["call_windows"] {
            windows = readCallWindows(node, context: context, at: fields.keyPosition("call_windows"))
        }
        let steps = readSteps(fields, context: context, windows: windows)
        let followThrough = readFollowThrough(fields)
        guard let calendar, let nurture, let autoAcknowledge, let engaging, let windows, let steps, let followThrough
        else { return nil }
        return PolicyDraft(calendar: calendar, steps: steps, callWindows: windows, nurtureEvery: nurture.value,
                           autoAcknowledge: autoAcknowledge, engagingOutcomes: engaging, followThrough: followThrough)
    }

    /// `engaged_by:` — the outcomes that stop the cadence.
    private mutating func readOutcomes(_ fields: RuleFields) -> Set<Outcome>? {
        guard let items = reader.textList(fields, "engaged_by") else { return nil }
        guard !items.isEmpty else {
            reader.log.error("\(fields.describe("engaged_by")) names no outcome; leave it out for the default "
                             + "(connected, replied, meeting)", at: fields.keyPosition("engaged_by") ?? fields.position)
            return nil
        }
        var out: Set<Outcome> = []
        var ok = true
        for item in items {
            if let outcome = Outcome(rawValue: item.value) {
                out.insert(outcome)
            } else {
                let names = Outcome.allCases.map(\.rawValue)
                reader.log.error("unknown outcome \"\(item.value)\" in \(fields.describe("engaged_by")) "
                                 + "(expected one of: \(names.joined(separator: ", ")))"
                                 + KeySuggestion.hint(for: item.value, among: names), at: item.position)
                ok = false
            }
        }
        return ok ? out : nil
    }

    /// `call_windows:` — ranked weekly slots, best first, and how far a call may be shifted to reach a better one.
    private mutating func readCallWindows(_ node: RuleNode, context: String, at key: SourcePlace?) -> CallWindows? {
        let windowContext = "`call_windows` of \(context)"
        let errorsBefore = reader.log.errorCount
        guard let fields = reader.fields(of: node, context: windowContext, allowed: ["max_shift", "ranks"],
                                         required: ["max_shift", "ranks"], at: key)
        else { return nil }
        let maxShift = reader.duration(fields, "max_shift")
        var ranks: [CallWindowRank] = []
        var seen: [String: SourcePlace] = [:]
        for (index, item) in (reader.items(fields, "ranks") ?? []).enumerated() {
            let rankContext = item.peek("name").map { "call window rank \"\($0)\" of \(context)" }
                ?? "call window rank #\(index + 1) of \(context)"
            guard let rank = reader.fields(of: item, context: rankContext, allowed: ["name", "days", "hours"],
                                           required: ["name", "days", "hours"]),
                  let name = reader.text(rank, "name")
            else { continue }
            guard claim(name, kind: "call window rank", in: &seen) else { continue }
            let days = rank.has("days") ? readDays(rank) : nil
            let hours = rank.has("hours") ? readHours(rank) : nil
            guard let days, let hours else { continue }
            reportOverlaps(days.flatMap { day in hours.map { (day: day, range: $0) } }, in: rankContext)
            ranks.append(CallWindowRank(name: name.value, days: Set(days), hours: hours.map(\.value)))
        }
        guard let maxShift, reader.log.errorCount == errorsBefore else { return nil }
        return CallWindows(ranks: ranks, maxShift: maxShift.value)
    }

    /// `steps:` — step k asks for the k-th touch.
    private mutating func readSteps(_ fields: RuleFields, context: String, windows: CallWindows?) -> [StepRule]? {
        guard let items = reader.items(fields, "steps") else { return nil }
        guard !items.isEmpty else {
            reader.log.error("\(context) needs at least one step (the first touch)",
                             at: fields.keyPosition("steps") ?? fields.position)
            return nil
        }
        var steps: [StepRule] = []
        var ok = true
        for (index, item) in items.enumerated() {
            let step = checked { $0.readStep(item, number: index + 1, context: context, windows: windows) }
            if let step { steps.append(step) } else { ok = false }
        }
        return ok ? steps : nil
    }

    private mutating func readStep(_ node: RuleNode, number: Int, context: String, windows: CallWindows?) -> StepRule? {
        let stepContext = "step \(number)" + (node.peek("name").map { " (\"\($0)\")" } ?? "") + " of \(context)"
        guard let fields = reader.fields(of: node, context: stepContext, allowed: Self.stepKeys,
                                         required: ["channel", "due", "deadline"])
        else { return nil }
        let name = reader.text(fields, "name")?.value ?? "step \(number)"
        var channel: Channel?
        if let text = reader.text(fields, "channel") {
            channel = Channel(rawValue: text.value)
            if channel == nil {
                let names = Channel.allCases.map(\.rawValue)
                reader.log.error("unknown channel \"\(text.value)\" in \(stepContext) (expected one of: "
                                 + "\(names.joined(separator: ", ")))" + KeySuggestion.hint(for: text.value, among: names),
                                 at: text.position)
            }
        }
        let due = readTime(fields, "due", step: number)
        let deadline = readTime(fields, "deadline", step: number)
        let floor = fields.has("deadline_at_least") ? readTime(fields, "deadline_at_least", step: number) : nil
        let inWindow = fields.has("in_call_window") ? reader.bool(fields, "in_call_window") ?? false : false
        if inWindow, let at = fields.keyPosition("in_call_window") {
            if number == 1 {
                reader.log.error("step 1 is due at capture (or assignment), it cannot wait for a call window; "
                                 + "`in_call_window` applies to later steps", at: at)
            } else if let windows, windows.ranks.isEmpty {
                reader.log.error("\(stepContext) asks for a call window, but \(context) has no call window ranks "
                                 + "(add `call_windows:` with `ranks`)", at: at)
            }
        }
        guard let channel, let due, let deadline else { return nil }
        return StepRule(name: name, channel: channel, due: due, inCallWindow: inWindow, deadline: deadline,
                        deadlineAtLeast: floor)
    }

    /// A time expression and the rules of where each anchor and offset may appear.
    private mutating func readTime(_ fields: RuleFields, _ key: String, step: Int) -> TimeExpression? {
        guard let text = reader.text(fields, key) else { return nil }
        let expression: TimeExpression
        switch TimeExpressionParser.parse(text.value.strippingSpaces) {
        case .success(let parsed): expression = parsed
        case .failure(let error):
            reader.log.error(error.message(in: fields.describe(key)), at: text.position)
            return nil
        }
        let subject = fields.describe(key)
        if key == "due" && step == 1 && expression != TimeExpression(anchor: .capture) {
            reader.log.error("\(subject) must be `capture`: step 1 is due when the lead is captured (or assigned)",
                             at: text.position)
            return nil
        }
        if key == "due" && expression.anchor == .due {
            reader.log.error("\(subject) cannot count from `due` (itself); use capture or previous_touch", at: text.position)
            return nil
        }
        if step == 1 && expression.anchor == .previousTouch {
            reader.log.error("\(subject) cannot use `previous_touch`: step 1 has no touch before it; use capture or due",
                             at: text.position)
            return nil
        }
        if expression.offset == .firstTouch && !(step == 1 && key == "deadline") {
            reader.log.error("\(subject) cannot add `first_touch`: the priority's first-touch time only sets "
                             + "step 1's deadline", at: text.position)
            return nil
        }
        return expression
    }
}
