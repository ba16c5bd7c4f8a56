import FollowUpCore
import FollowUpFormats
import FollowUpRules

/// Lines of events as the API and `simulate` read them, applied through the
/// engine with the default policy: any bytes must decode or be refused with
/// a field, and whatever decodes must apply or be refused, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvents(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    var simulation = Simulation(rules: ShippedRules.rules)
    var last = Instant(secondsSinceEpoch: 0)
    for line in bytes.split(separator: 0x0A, maxSplits: 64) {
        let event: Event
        do throws(Diagnostic) {
            event = try EventDecoder.decode(UnsafeBufferPointer(rebasing: line))
        } catch {
            continue
        }
        guard event.at >= last else { continue }
        last = event.at
        try? simulation.apply(event) { _ in }
    }
    simulation.run(until: last + .days(40)) { _ in }
    return 0
}

/// The shipped rules (routing, backups, escalation and follow-through all on).
enum ShippedRules {
    static let rules: Rules = {
        let root = String(#filePath.split(separator: "/").dropLast(4).joined(separator: "/"))
        do {
            return try RuleSet.load(directory: "/\(root)/etc/followup/rules.d").rules
        } catch {
            fatalError("the shipped rules must load: \(error)")
        }
    }()
}
