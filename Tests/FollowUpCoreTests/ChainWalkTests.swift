import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// ``TeamState/firstInChain(of:where:)`` walks the chain without building it;
/// it must find what ``TeamState/chain(of:)`` would, cycles and gaps included.
@Suite struct ChainWalkTests {
    @Test func walkingTheChainFindsWhatTheBuiltChainFinds() {
        var generator = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let ids = (0..<6).map { "r\($0)" }
            var team = TeamState()
            for id in ids {
                // Backups may point anywhere: themselves, a cycle, or someone nobody upserted.
                let backup = Bool.random(using: &generator) ? (ids + ["ghost"]).randomElement(using: &generator) : nil
                team.upsert(Rep(id: id, backup: backup))
            }
            let accepted = Set(ids.filter { _ in Bool.random(using: &generator) })
            for id in ids + ["ghost"] {
                #expect(team.firstInChain(of: id) { accepted.contains($0) } == team.chain(of: id).first { accepted.contains($0) })
            }
        }
    }
}
