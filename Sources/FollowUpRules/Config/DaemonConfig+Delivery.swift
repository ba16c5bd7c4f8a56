import FollowUpCore
import Foundation

/// `routes:`, `fallback:`, `retry:`, `dead_letter_after:`, `templates:` and `lead_url:`,
/// checked against the receivers the same file defines.
extension DaemonConfig {
    mutating func readDelivery(_ fields: RuleFields, with reader: inout RuleReader) {
        let names = Set(receivers.map(\.name))
        // A receiver that failed to read was reported already: do not report it again as unknown.
        let written = Set(fields["receivers"].flatMap { node -> [String]? in
            guard case .sequence(let items) = node.content else { return nil }
            return items.compactMap { $0.peek("name") }
        } ?? [])
        let known = KnownReceivers(names: names, written: written)
        if let items = reader.items(fields, "routes") {
            var routes: [NotificationRoute] = []
            for (index, item) in items.enumerated() {
                if let route = readRoute(item, number: index + 1, known: known, with: &reader) { routes.append(route) }
            }
            delivery.routes = routes
        }
        if let node = fields["fallback"],
           let f = reader.fields(of: node, context: "`fallback`", allowed: ["receiver", "after"], required: ["receiver"],
                                 at: fields.keyPosition("fallback")) {
            if let name = reader.word(f, "receiver"), known.check(name, what: "`receiver` of `fallback`", with: &reader) {
                delivery.policy.fallback = name.value
            }
            if let after = reader.duration(f, "after") { delivery.policy.fallbackAfter = after.value }
        }
        if let node = fields["retry"],
           let r = reader.fields(of: node, context: "`retry`", allowed: ["base", "cap", "probe"], at: fields.keyPosition("retry")) {
            if let base = reader.duration(r, "base") {
                if base.value.seconds < 1 {
                    reader.log.error("`base` of `retry` must be at least 1s", at: base.position)
                } else {
                    delivery.policy.backoff.base = base.value
                }
            }
            if let cap = reader.duration(r, "cap") {
                if cap.value < delivery.policy.backoff.base {
                    reader.log.error("`cap` of `retry` must be at least `base` (\(delivery.policy.backoff.base))", at: cap.position)
                } else {
                    delivery.policy.backoff.cap = cap.value
                }
            }
            if let probe = reader.duration(r, "probe") {
                if probe.value.seconds < 1 {
                    reader.log.error("`probe` of `retry` must be at least 1s", at: probe.position)
                } else {
                    delivery.policy.probeInterval = probe.value
                }
            }
        }
        if let age = reader.duration(fields, "dead_letter_after") {
            if age.value.seconds < 1 {
                reader.log.error("`dead_letter_after` must be at least 1s", at: age.position)
            } else {
                delivery.policy.deadLetterAfter = age.value
            }
        }
        let dir = reader.text(fields, "templates")
        if let dir { delivery.templates = dir.value }
        if let link = reader.text(fields, "lead_url") {
            // Checked with a stand-in id: the link must stay an http(s) URL whatever the lead's id.
            let sample = link.value.replacingOccurrences(of: "{lead}", with: "L1")
            if !link.value.contains("{lead}") {
                reader.log.error("`lead_url` must contain {lead}, where the lead's id goes (e.g. https://crm.example/leads/{lead})",
                                 at: link.position)
            } else if let url = URL(string: sample), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil {
                delivery.leadURL = link.value
            } else {
                reader.log.error("`lead_url` must be an http:// or https:// URL, got \"\(link.value)\"", at: link.position)
            }
        }
        // Email, Slack and Teams receivers render templates; they need the directory to exist.
        if receivers.contains(where: \.rendersTemplates) {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: delivery.templates, isDirectory: &isDirectory) || !isDirectory.boolValue {
                reader.log.error("`templates`: \(delivery.templates) is not a directory (the Mustache templates of the email, Slack and Teams receivers and of webhook bodies; "
                                 + "etc/followup/templates holds the shipped ones)",
                                 at: dir?.position ?? fields.keyPosition("receivers") ?? fields.position)
            }
        }
    }

    private func readRoute(_ node: RuleNode, number: Int, known: KnownReceivers,
                           with reader: inout RuleReader) -> NotificationRoute? {
        let context = "route #\(number)"
        let errorsBefore = reader.log.errorCount
        guard let fields = reader.fields(of: node, context: context, allowed: ["kinds", "priorities", "teams", "receivers"],
                                         required: ["receivers"])
        else { return nil }
        var route = NotificationRoute(receivers: [])
        if let kinds = reader.textList(fields, "kinds") {
            for kind in kinds {
                if let k = NotificationKind(rawValue: kind.value) {
                    route.kinds.insert(k)
                } else {
                    let known = NotificationKind.allCases.map(\.rawValue)
                    reader.log.error("\(fields.describe("kinds")): unknown kind \"\(kind.value)\" (kinds: \(known.joined(separator: ", ")))\(KeySuggestion.hint(for: kind.value, among: known))",
                                     at: kind.position)
                }
            }
        }
        if let priorities = reader.textList(fields, "priorities") { route.priorities = Set(priorities.map(\.value)) }
        if let teams = reader.textList(fields, "teams") { route.teams = Set(teams.map(\.value)) }
        if let names = reader.textList(fields, "receivers") {
            for name in names where known.check(name, what: fields.describe("receivers"), with: &reader) {
                if !route.receivers.contains(name.value) { route.receivers.append(name.value) }
            }
            if names.isEmpty {
                reader.log.error("\(fields.describe("receivers")) must name at least one receiver", at: fields.position)
            }
        }
        return reader.log.errorCount == errorsBefore ? route : nil
    }
}

/// The receivers a route or the fallback may name.
private struct KnownReceivers {
    let names: Set<String>
    /// Names written in `receivers:`, including ones that failed to read (already reported).
    let written: Set<String>

    func check(_ name: Located<String>, what: String, with reader: inout RuleReader) -> Bool {
        if names.contains(name.value) { return true }
        if !written.contains(name.value) {
            let hint = KeySuggestion.hint(for: name.value, among: names.sorted())
            reader.log.error("\(what) names no receiver \"\(name.value)\" (receivers: \(names.sorted().joined(separator: ", ")))\(hint)",
                             at: name.position)
        }
        return false
    }
}
