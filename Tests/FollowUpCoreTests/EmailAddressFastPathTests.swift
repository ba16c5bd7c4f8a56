import Testing
@testable import FollowUpCore
import FollowUpTestSupport

/// The one-pass check of plain ASCII addresses must never accept what the full
/// check refuses: random strings over the characters that matter.
@Suite struct EmailAddressFastPathTests {
    @Test func theFastPathAgreesWithTheFullCheck() {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("abcdabcdabcd..@@-_+,;:<>()[]\\\" \t\r\nxé\u{7F}0")
        var accepted = 0
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(EmailAddress.problem(in: text) == EmailAddress.fullProblem(in: text), "\(text.debugDescription)")
            if EmailAddress.isPlainASCIIAddress(text) { accepted += 1 }
        }
        #expect(accepted > 100)  // the fast path is exercised, not only the fallback
        for valid in ["a@b", "dana.smith@acme.test", "x+tag@mail.example.co.uk"] {
            #expect(EmailAddress.isPlainASCIIAddress(valid))
        }
        for invalid in ["@b", "a@", "a.@b", "a@.b", "a..b@c", "a@b.", ".a@b", "a@b@c", "a b@c", "a,b@c", "a@b\r\n"] {
            #expect(!EmailAddress.isPlainASCIIAddress(invalid))
            #expect(EmailAddress.problem(in: invalid) != nil)
        }
    }
}
