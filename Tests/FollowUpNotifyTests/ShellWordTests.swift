import Foundation
import Testing
@testable import FollowUpNotify
import FollowUpCore

/// The copy-paste touch-log line quotes what a shell would read otherwise;
/// checked against a real `sh`, which must hand back each word unchanged.
@Suite struct ShellWordTests {
    @Test(arguments: ["L1", "L-2024_07.a:b@c", "L1;rm -rf ~", "$(id)", "a'b", "`id`", "x y", "a\"b", "*", ""])
    func aRealShellReadsTheWordBackUnchanged(_ word: String) throws {
        let quoted = ShellWord.quoted(word)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "printf '%s' \(quoted)"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        process.waitUntilExit()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed == word, "\(quoted)")
        if word == "L1" { #expect(quoted == "L1") }
    }
}

/// The hint in every message uses the quoting (it was pasted into shells unquoted).
@Suite struct TouchLogHintTests {
    @Test func theCopyPasteLineQuotesAHostileLeadId() throws {
        let n = FollowUpCore.LeadNotification(id: "x", at: Instant(secondsSinceEpoch: 0), kind: .touchDue,
                                              lead: "L1;touch /tmp/pwned", to: "alice", recipient: .rep, step: 2, channel: .email)
        let hint = try #require((MessageContext(notification: n, record: nil, rep: nil).values["log_touch"] as? [String: Any])?["command"] as? String)
        #expect(hint == "followupctl touch log 'L1;touch /tmp/pwned' --rep alice --channel email --outcome sent")
    }
}
