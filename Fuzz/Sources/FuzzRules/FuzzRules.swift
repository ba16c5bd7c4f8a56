import FollowUpCore
import FollowUpFormats
import FollowUpRules

/// A rule file as an admin might write it, merged with nothing else: any text
/// must load or be refused with FILE:LINE:COL problems; a set that loads must
/// run a short cadence through the engine without a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    guard let loaded = try? RuleSet.load(sources: [(name: "fuzz.yaml", text: text)]) else { return 0 }
    var simulation = Simulation(rules: loaded.rules)
    let lines = [
        #"{"at":"2026-11-24T15:00:00Z","type":"lead.captured","lead":{"id":"L1","source":"web_form","email":"a@b.test"}}"#,
        #"{"at":"2026-11-24T16:00:00Z","type":"touch.logged","lead":"L1","rep":"system","channel":"email","outcome":"sent"}"#,
    ]
    for line in lines {
        guard let event = try? EventDecoder.decode(line) else { continue }
        try? simulation.apply(event) { _ in }
    }
    simulation.run(until: Instant(secondsSinceEpoch: 1_798_000_000)) { _ in }
    return 0
}
