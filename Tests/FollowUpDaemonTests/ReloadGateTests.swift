import FollowUpTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `POST /v1/rules/reload` against the real daemon: a client looping on it
/// gets 429 with `Retry-After` instead of a reload of every rule file and a
/// re-plan of every open lead each time.
@Suite(.serialized) struct ReloadGateTests {
    @Test func aReloadRightAfterAnotherIsRefusedUntilTheCooldownPasses() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        defer { _ = daemon.signal(SIGTERM) }
        let first = try daemon.send("POST", "/v1/rules/reload")
        #expect(first.status == 200, "\(first.body)")
        var refused = 0
        for _ in 0..<20 {
            let again = try daemon.send("POST", "/v1/rules/reload")
            if again.status == 200 { break }
            refused += 1
            #expect(again.status == 429, "\(again.body)")
            #expect(again.headers["retry-after"] == "1", "\(again.headers)")
            #expect((again.json["error"] as? [String: Any])?["message"] as? String == "a reload is running or has just run; try again in 1 s",
                    "\(again.body)")
        }
        #expect(refused > 0, "a loop of reloads was never refused")
        usleep(1_100_000)
        let later = try daemon.send("POST", "/v1/rules/reload")
        #expect(later.status == 200, "\(later.body)")
        #expect(daemon.pid.map { kill($0, 0) == 0 } == true)
    }
}
