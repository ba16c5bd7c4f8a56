import Crypto
import FollowUpCore
import FollowUpFormats
@testable import FollowUpNotify
@testable import FollowUpRules
import Foundation
import Testing

/// How each receiver reads what came back, and the webhook signature.
@Suite struct ReceiverRulesTests {
    @Test(arguments: [
        (200, "delivered"), (204, "delivered"), (408, "retry"), (429, "retry"), (500, "retry"), (503, "retry"),
        (400, "permanent"), (401, "permanent"), (404, "permanent"), (422, "permanent"), (301, "permanent"),
    ])
    func webhookStatuses(_ status: Int, _ expected: String) {
        let result = WebhookReceiver.result(status: status, answer: "")
        switch result {
        case .delivered: #expect(expected == "delivered")
        case .retry: #expect(expected == "retry")
        case .permanent: #expect(expected == "permanent")
        }
    }

    @Test func signatureIsHMACSHA256OverTimestampDotBody() {
        let body = Array(#"{"id":"L1:lead.assigned:1:1"}"#.utf8)
        let signature = WebhookSignature(secret: Array("k".utf8)).sign(body: body, timestamp: 1_795_532_400)
        let expected = HMAC<SHA256>.authenticationCode(for: Array("1795532400.".utf8) + body, using: SymmetricKey(data: Array("k".utf8)))
        #expect(signature == "v1=" + expected.map { String(format: "%02x", $0) }.joined())
    }

    @Test func execRunsTheCommandWithTheJSONOnStdin() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("got").path
        let notification = LeadNotification(id: "L1:touch.due:2:1", at: Instant(secondsSinceEpoch: 0), kind: .touchDue, lead: "L1", to: "alice", recipient: .rep)
        let entry = OutboxEntry(notification: notification, receiver: "x", state: .pending, attempts: 0,
                                nextAttemptAt: Instant(secondsSinceEpoch: 0), lastError: nil, createdAt: Instant(secondsSinceEpoch: 0), deliveredAt: nil)
        let ok = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sh", "-c", "cat > \(out)"]))
        #expect(await ok.deliver(entry) == .delivered)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == notification.jsonLine + "\n")
        let temp = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sh", "-c", "echo busy >&2; exit 75"]))
        #expect(await temp.deliver(entry) == .retry("/bin/sh exited 75: busy"))
        let bad = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sh", "-c", "exit 65"]))
        #expect(await bad.deliver(entry) == .permanent("/bin/sh exited 65"))
        let slow = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sleep", "30"], timeout: TimeSpan(seconds: 1)))
        #expect(await slow.deliver(entry) == .retry("/bin/sleep did not finish in time and was killed"))
        let missing = ExecReceiver(name: "x", settings: ExecSettings(command: ["/nonexistent/prog"]))
        guard case .permanent = await missing.deliver(entry) else { Issue.record("a missing program is permanent"); return }
    }

    /// The daemon ignores SIGPIPE (SwiftNIO does), and an ignored signal
    /// survives exec: the command must start with it at its default action,
    /// or a script's `producer | head -1` fails with EPIPE errors.
    @Test func execCommandsStartWithDefaultSignalsAndTimeoutsKillTheirChildren() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let entry = OutboxEntry(notification: LeadNotification(id: "L1:touch.due:2:1", at: Instant(secondsSinceEpoch: 0), kind: .touchDue,
                                                               lead: "L1", to: "alice", recipient: .rep),
                                receiver: "x", state: .pending, attempts: 0, nextAttemptAt: Instant(secondsSinceEpoch: 0), lastError: nil,
                                createdAt: Instant(secondsSinceEpoch: 0), deliveredAt: nil)
        let previous = signal(SIGPIPE, SIG_IGN)  // as in the daemon
        defer { signal(SIGPIPE, previous) }
        let probe = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sh", "-c", "grep SigIgn /proc/self/status >&2; exit 75"]))
        guard case .retry(let said) = await probe.deliver(entry),
              let hex = said.split(separator: "\t").last, let ignored = UInt64(hex, radix: 16)
        else { Issue.record("no SigIgn line"); return }
        #expect(ignored & (1 << (UInt64(SIGPIPE) - 1)) == 0, "SIGPIPE ignored in the command: SigIgn \(hex)")

        // A timeout kills the command's process group: what a script started in the background dies too.
        let pidFile = dir.appendingPathComponent("pid").path
        let slow = ExecReceiver(name: "x", settings: ExecSettings(command: ["/bin/sh", "-c", "sleep 300 & echo $! > \(pidFile); wait"],
                                                                  timeout: TimeSpan(seconds: 1)))
        #expect(await slow.deliver(entry) == .retry("/bin/sh did not finish in time and was killed"))
        let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<100 where alive {
            // Gone, or a zombie nobody has reaped yet (a container's PID 1 may not reap).
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            alive = stat.map { !$0.contains(") Z ") } ?? false
            if alive { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!alive, "the background sleep (pid \(pid)) outlived the timeout")
        if alive { kill(pid, SIGKILL) }
    }
}
