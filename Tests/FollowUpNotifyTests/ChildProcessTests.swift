import Foundation
@testable import FollowUpNotify
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What an exec receiver's program starts with.
@Suite struct ChildProcessTests {
    @Test func aProgramGetsNoDescriptorOfTheDaemonBeyondItsStandardOnes() async throws {
        // As a library might leave one: not close-on-exec.
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        // `test` is a builtin: /proc/self is the program the daemon started.
        let ending = await ChildProcess.run(
            ["/bin/sh", "-c", "for fd in \(ends[0]) \(ends[1]); do test -e /proc/self/fd/$fd && echo \"fd $fd inherited\" >&2; done; exit 0"],
            input: [], environment: ["PATH=/usr/bin:/bin"], timeout: .seconds(30))
        guard case .exited(let status, let stderr) = ending else {
            Issue.record("the program did not exit: \(ending)")
            return
        }
        #expect(status == 0)
        #expect(stderr == "", "a script (and what it leaves running) would hold the daemon's descriptors")
    }
}
