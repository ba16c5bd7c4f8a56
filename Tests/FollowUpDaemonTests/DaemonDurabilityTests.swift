import FollowUpTestSupport
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Crashes, restarts and bad input: nothing acknowledged is lost, nothing fires twice.
@Suite(.serialized) struct DaemonDurabilityTests {
    static let reps = """
        [{"at":"2026-11-24T14:00:00Z","type":"rep.upserted","rep":{"id":"alice","email":"a@x.test","team":"sales","backup":"bob"}},
         {"at":"2026-11-24T14:00:00Z","type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}]
        """

    static func capture(_ id: String, at: String = "2026-11-24T15:00:00Z") -> String {
        #"{"at":"\#(at)","type":"lead.captured","lead":{"id":"\#(id)","source":"web_form","email":"\#(id)@lead.test","owner":"alice"}}"#
    }

    @Test func killMinus9MidStreamLosesNothingAcknowledgedAndMintsNoIdTwice() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        // A writer posts captures as fast as it can; we kill -9 the daemon under it.
        let acknowledged = Mutex<[String]>([])
        let writer = Thread {
            for i in 0..<100_000 {
                guard let r = try? daemon.post("/v1/events", Self.capture("K\(i)")), r.status == 200 else { return }
                acknowledged.withLock { $0.append("K\(i)") }
            }
        }
        writer.start()
        while acknowledged.withLock({ $0.count }) < 200 { usleep(5_000) }
        #expect(daemon.signal(SIGKILL) != nil)
        usleep(200_000)
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count >= 200)
        let printedBefore = daemon.notifications

        try daemon.start()
        for id in acked {
            let r = try daemon.get("/v1/leads/\(id)")
            #expect(r.status == 200, "acknowledged lead \(id) lost after kill -9")
        }
        // Every acknowledged capture minted lead.assigned; after the restart the outbox re-sends
        // what was not marked delivered. Ids may repeat in the log only as identical re-deliveries.
        let printed = daemon.waitForNotifications(acked.count, seconds: 15)
        var byID: [String: String] = [:]
        for n in printedBefore + printed {
            let id = n["id"] as! String
            let body = String(decoding: try JSONSerialization.data(withJSONObject: n, options: .sortedKeys), as: UTF8.self)
            if let seen = byID[id] { #expect(seen == body, "id \(id) minted twice with different content") }
            byID[id] = body
        }
        for id in acked { #expect(byID["\(id):lead.assigned:1:1"] != nil, "no lead.assigned for \(id)") }
        #expect(byID.keys.allSatisfy { $0.hasSuffix(":1:1") }, "an id was minted a second time: \(byID.keys.filter { !$0.hasSuffix(":1:1") }.prefix(5))")
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func timersThatCameDueWhileDownFireOnceInOrderAfterRestart() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        #expect(try daemon.post("/v1/events", Self.capture("R1")).status == 200)
        #expect(try daemon.post("/v1/events", Self.capture("R2", at: "2026-11-24T15:01:00Z")).status == 200)
        daemon.waitForNotifications(2)
        #expect(daemon.signal(SIGTERM) == 0)
        // Down for an hour: R1's and R2's 5-minute deadlines, and the escalations' deadlines, passed.
        try daemon.writeConfig(clockStart: "2026-11-24T16:00:00Z")
        try daemon.start()
        let printed = daemon.waitForNotifications(10, seconds: 10)
        usleep(300_000)
        let keys = daemon.notifications.map { "\($0["at"]!) \($0["kind"]!) \($0["lead"]!) \($0["to"]!)" }
        #expect(keys == [
            "2026-11-24T15:00:00Z lead.assigned R1 alice",
            "2026-11-24T15:01:00Z lead.assigned R2 alice",
            "2026-11-24T15:05:00Z sla.breached R1 alice",
            "2026-11-24T15:05:00Z lead.assigned R1 bob",
            "2026-11-24T15:06:00Z sla.breached R2 alice",
            "2026-11-24T15:06:00Z lead.assigned R2 bob",
            "2026-11-24T15:10:00Z sla.breached R1 bob",
            "2026-11-24T15:10:00Z lead.unrouted R1 sales-manager",
            "2026-11-24T15:11:00Z sla.breached R2 bob",
            "2026-11-24T15:11:00Z lead.unrouted R2 sales-manager",
        ], "\(printed.count)")
        #expect(daemon.signal(SIGTERM) == 0)
        // A third start fires nothing again.
        try daemon.start()
        usleep(500_000)
        #expect(daemon.notifications.count == keys.count)
        #expect(daemon.signal(SIGTERM) == 0)
    }

    /// kill -9 never loses a snooze nor fires a repeated breach twice: the daemon
    /// dies after a breach and again before the repeat and the wake come due.
    @Test func aSnoozeAndARepeatedBreachSurviveKillMinus9AndFireOnce() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        #expect(try daemon.post("/v1/events", """
            [\(Self.capture("S1")), \(Self.capture("S2")),
             {"at":"2026-11-24T15:00:00Z","type":"touch.logged","lead":"S1","rep":"alice","channel":"call","outcome":"no_answer"},
             {"at":"2026-11-24T15:00:00Z","type":"lead.snoozed","lead":"S2","until":"2026-11-27T15:00:00Z","reason":"after Thanksgiving"}]
            """).status == 200)
        daemon.waitForNotifications(3)
        #expect(daemon.signal(SIGKILL) != nil)
        // Down until after S1's step 2 deadline (capture + 24h): its first breach fires at restart.
        try daemon.writeConfig(clockStart: "2026-11-25T16:00:00Z")
        try daemon.start()
        daemon.waitForNotifications(5, seconds: 10)
        #expect(daemon.signal(SIGKILL) != nil)
        // Down over Thanksgiving: the repeat (next open instant of the breach + 1d, Friday 08:00 EST)
        // moves S1 to bob at its second breach, and S2 wakes.
        try daemon.writeConfig(clockStart: "2026-11-27T15:01:00Z")
        try daemon.start()
        daemon.waitForNotifications(9, seconds: 10)
        usleep(300_000)
        var byID: [String: String] = [:]
        for n in daemon.notifications {
            let body = String(decoding: try JSONSerialization.data(withJSONObject: n, options: .sortedKeys), as: UTF8.self)
            let id = n["id"] as! String
            if let seen = byID[id] { #expect(seen == body, "id \(id) minted twice with different content") }
            byID[id] = body
        }
        #expect(byID.keys.sorted() == [
            "S1:lead.assigned:1:1", "S1:lead.assigned:2:1", "S1:sla.breached:2:1", "S1:sla.breached:2:2",
            "S1:sla.breached:2:3", "S1:sla.breached:2:4", "S1:touch.due:2:1", "S2:lead.assigned:1:1", "S2:touch.due:1:1",
        ])
        #expect(byID["S1:sla.breached:2:3"]?.contains(#""at":"2026-11-27T13:00:00Z""#) == true)
        #expect(byID["S2:touch.due:1:1"]?.contains(#""reason":"snooze_ended""#) == true)
        #expect(daemon.signal(SIGTERM) == 0)
        // A last start fires nothing again.
        let count = daemon.notifications.count
        try daemon.start()
        usleep(500_000)
        #expect(daemon.notifications.count == count)
        #expect(daemon.signal(SIGTERM) == 0)
    }

    /// The clock jumps a day ahead (a bad NTP step), then back. Events and
    /// timers applied meanwhile carry the future instants; after the step
    /// back, a new lead's events are applied at the clock's time again, so its
    /// first-touch deadline comes due 5 minutes later, not a day later.
    @Test func aClockSteppedBackDoesNotFreezeSlaTiming() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        #expect(try daemon.post("/v1/events", Self.capture("J1")).status == 200)
        try daemon.advance(to: "2026-11-25T15:00:00Z")
        let during = #"{"type":"lead.captured","lead":{"id":"J2","source":"web_form","email":"j2@lead.test","owner":"alice"}}"#
        #expect(try daemon.post("/v1/events", during).body.contains("2026-11-25T15:00:00Z"))
        #expect(daemon.signal(SIGTERM) == 0)
        // Stepped back: the clock reads the right time again.
        try daemon.writeConfig(clockStart: "2026-11-24T15:01:00Z")
        try daemon.start()
        let after = try daemon.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"J3","source":"web_form","email":"j3@lead.test","owner":"alice"}}"#)
        #expect(after.status == 200)
        #expect(after.body.contains(#""applied_at":"2026-11-24T15:01:00Z""#), "\(after.body)")
        try daemon.advance(to: "2026-11-24T15:07:00Z")
        usleep(300_000)
        let j3 = daemon.notifications.filter { $0["lead"] as? String == "J3" }.map { "\($0["at"]!) \($0["kind"]!)" }
        #expect(j3.contains("2026-11-24T15:06:00Z sla.breached"), "\(j3)")
        #expect(daemon.stderr.contains("clock"), "the step back is logged")
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func badRequestsGetJSONErrorsAndChangeNothing() throws {
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z")
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        let before = try daemon.get("/v1/leads").body

        let malformed = try daemon.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"#)
        #expect(malformed.status == 400)
        #expect((malformed.json["error"] as? [String: Any])?["message"] != nil, "\(malformed.body)")

        let badField = try daemon.post("/v1/events", #"[\#(Self.capture("B1")), {"type":"lead.captured","lead":{"id":"B2","company_size":"huge"}}]"#)
        #expect(badField.status == 400)
        let error = badField.json["error"] as? [String: Any]
        #expect(error?["field"] as? String == "lead.company_size", "\(badField.body)")
        #expect(error?["index"] as? Int == 1, "\(badField.body)")

        let unknownType = try daemon.post("/v1/events", #"{"type":"lead.teleported","lead":"B1"}"#)
        #expect(unknownType.status == 400)
        #expect((unknownType.json["error"] as? [String: Any])?["field"] as? String == "type")

        let huge = String(repeating: "x", count: 2 << 20)
        let oversized = try daemon.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"B3","name":"\#(huge)"}}"#)
        #expect(oversized.status == 413, "\(oversized.status) \(oversized.body.prefix(200))")

        #expect(try daemon.get("/v1/leads/B1").status == 404, "the batch with a bad event applied nothing")
        #expect(try daemon.get("/v1/leads").body == before)
        #expect(try daemon.get("/healthz").status == 200, "still serving")
        #expect(daemon.signal(SIGTERM) == 0)
    }

    @Test func theSchedulerSleepsUntilTheDeadlineAndFiresOnTime() throws {
        // 60 virtual seconds per real second: the 5-minute first-touch deadline is 5 real seconds away.
        let daemon = try DaemonProcess(clockStart: "2026-11-24T15:00:00Z", scaledRate: 60)
        #expect(try daemon.post("/v1/events", Self.reps).status == 200)
        let posted = Date()
        #expect(try daemon.post("/v1/events", #"{"type":"lead.captured","lead":{"id":"T1","source":"web_form","email":"t@x.test","owner":"alice"}}"#).status == 200)
        let printed = daemon.waitForNotifications(2, seconds: 15)
        let elapsed = Date().timeIntervalSince(posted)
        #expect(printed.count >= 2)
        #expect(printed.dropFirst().first?["kind"] as? String == "sla.breached")
        #expect(elapsed > 4.0 && elapsed < 8.0, "breach after \(elapsed) s of real time (expected about 5)")
        #expect(daemon.signal(SIGTERM) == 0)
    }
}
