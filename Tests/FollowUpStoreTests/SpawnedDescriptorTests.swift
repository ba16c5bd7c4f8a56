import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The programs tests start get only what they should, and a test's wait for
/// one ends: a hung wait once took a whole CI run to its time limit.
@Suite struct SpawnedDescriptorTests {
    /// A pipe made the way Foundation makes them: not close-on-exec.
    private static func inheritablePipe() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    @Test func aProgramTheClusterStartsInheritsNoDescriptorOfTheTests() throws {
        let ends = Self.inheritablePipe()
        defer { close(ends.read); close(ends.write) }
        let output = NSTemporaryDirectory() + "spawn-\(UUID().uuidString).out"
        // `test` is a builtin: /proc/self is the shell that pg_ctl would be.
        let (status, text) = PostgresCluster.spawn(
            ["/bin/sh", "-c", "test -e /proc/self/fd/\(ends.write) && echo inherited || echo closed"], output: output)
        #expect(status == 0)
        #expect(text == "closed\n", "a postmaster would hold this pipe's write end, and its reader would wait for ever")
    }

    @Test func whatAProgramLeftRunningDoesNotHoldTheWait() throws {
        let started = ContinuousClock.now
        let run = try Subprocess.run("/bin/sh", ["-c", "sleep 60 & echo $!"], directory: nil)
        let sleeper = pid_t(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        defer { if sleeper > 0 { kill(sleeper, SIGKILL) } }
        #expect(run.status == 0)
        #expect(sleeper > 0, "\(run.stdout)")
        // The sleeper keeps stdout open for 60 s; the wait ends a few seconds after the shell.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aTimeoutEndsTheProgramAndWhatItStarted() throws {
        let started = ContinuousClock.now
        let run = try Subprocess.run("/bin/sh", ["-c", "sleep 600 & wait"], directory: nil, timeout: 1)
        #expect(run.status == SIGKILL)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func aProgramThatAnswersAsItReadsGetsAllItsInput() throws {
        // Far more than a pipe holds: written all before reading, both sides would block.
        let input = String(repeating: "a line that cat echoes back at once\n", count: 40_000)
        let run = try Subprocess.run("/bin/cat", [], input: input, directory: nil, timeout: 60)
        #expect(run.status == 0)
        #expect(run.stdout.count == input.count)
    }
}
