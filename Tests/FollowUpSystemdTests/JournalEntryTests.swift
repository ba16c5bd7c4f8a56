import Foundation
import Logging
import Testing
@testable import FollowUpSystemd

/// How log records become journal fields, without a journal.
@Suite struct JournalEntryTests {
    func entry(_ level: Logger.Level = .info, _ metadata: Logger.Metadata = [:]) -> [String] {
        JournalEntry(level: level, message: "touch.due to alice", metadata: metadata, logger: "followupd",
                     identifier: "followupd", file: "Timeline.swift", line: 42, function: "fire()").fields
    }

    @Test func theEntryCarriesMessageLevelIdentifierAndSourceLocation() {
        let fields = entry(.warning)
        #expect(fields.contains("MESSAGE=touch.due to alice"))
        #expect(fields.contains("PRIORITY=4"))
        #expect(fields.contains("SYSLOG_IDENTIFIER=followupd"))
        #expect(fields.contains("CODE_FILE=Timeline.swift"))
        #expect(fields.contains("CODE_LINE=42"))
        #expect(fields.contains("CODE_FUNC=fire()"))
    }

    @Test(arguments: [(Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2)])
    func levelsMapToSyslogPriorities(_ level: Logger.Level, _ priority: Int) {
        #expect(JournalEntry.syslogPriority(level) == priority)
    }

    @Test func metadataBecomesUppercaseFields() {
        let fields = entry(.info, ["lead_id": "L1", "rep_id": "alice", "notification_id": "L1:touch.due:2:1"])
        #expect(fields.contains("LEAD_ID=L1"))
        #expect(fields.contains("REP_ID=alice"))
        #expect(fields.contains("NOTIFICATION_ID=L1:touch.due:2:1"))
    }

    @Test func aMetadataKeyCannotOverwriteTheEntrysOwnFields() {
        let fields = entry(.error, ["priority": "high", "message": "x"])
        #expect(fields.filter { $0.hasPrefix("PRIORITY=") } == ["PRIORITY=3"])
        #expect(fields.contains("META_PRIORITY=high"))
        #expect(fields.contains("META_MESSAGE=x"))
    }

    @Test(arguments: [("lead_id", "LEAD_ID"), ("rep-id", "REP_ID"), ("_private", "PRIVATE"), ("1st", "F1ST"),
                      ("crème", "CR_ME"), ("", "F")])
    func fieldNamesAreWhatJournaldAccepts(_ key: String, _ name: String) {
        #expect(JournalEntry.fieldName(key) == name)
    }
}

/// Where the daemon logs: the journal only when stderr really is the stream `JOURNAL_STREAM` names.
@Suite struct LogDestinationTests {
    func stderrIdentity() -> String {
        var info = stat()
        fstat(2, &info)
        return "\(info.st_dev):\(info.st_ino)"
    }

    @Test func theJournalWhenJournalStreamNamesStderr() {
        #expect(LogDestination.detect(journalStream: stderrIdentity()) == .journal)
    }

    @Test(arguments: [nil, "", "garbage", "1:2", "1:2:3"])
    func standardErrorOtherwise(_ value: String?) {
        #expect(LogDestination.detect(journalStream: value) == .standardError)
    }
}

/// The notify protocol's text rules.
@Suite struct ServiceManagerTests {
    @Test func statusTextLosesItsNewlines() {
        #expect(ServiceManager.statusField("reload FAILED:\na.yaml:1:1: x\nb.yaml:2:2: y")
                == ["STATUS=reload FAILED:; a.yaml:1:1: x; b.yaml:2:2: y"])
        #expect(ServiceManager.statusField(nil) == [])
    }

    @Test func outsideSystemdNothingIsActive() {
        // The test runner has no NOTIFY_SOCKET (nor a watchdog meant for it).
        #expect(ProcessInfo.processInfo.environment["NOTIFY_SOCKET"] == nil)
        let manager = ServiceManager()
        #expect(!manager.isActive)
        #expect(manager.watchdogInterval == nil)
    }

    @Test func monotonicMicrosecondsAdvance() {
        let a = ServiceManager.monotonicMicroseconds()
        usleep(2_000)
        #expect(ServiceManager.monotonicMicroseconds() >= a + 2_000)
    }
}
