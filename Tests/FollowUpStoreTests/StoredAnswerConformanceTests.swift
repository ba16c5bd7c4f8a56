import Testing
import FollowUpCore
import FollowUpTestSupport

/// Every store keeps an `Idempotency-Key`'s answer with the transaction that
/// stored it (issue 14): seen by that transaction at once, kept by a commit,
/// gone with a rollback.
struct StoredAnswerConformanceTests {
    struct Failed: Error {}

    @Test(arguments: StoreConformanceTests.Kind.allCases)
    func anAnswerCommitsAndRollsBackWithItsTransaction(_ kind: StoreConformanceTests.Kind) async throws {
        let (store, remove) = try await StoreConformanceTests.make(kind, roster: [])
        defer { remove() }
        let answer = StoredAnswer(fingerprint: "ab12", body: #"{"accepted":[]}"#)
        // Its own transaction sees it (two requests of one group may carry the same key).
        let seen = try await store.write { transaction in
            let before = try transaction.storedAnswer(forKey: "k1")
            try transaction.store(answer, forKey: "k1", at: Instant(secondsSinceEpoch: 0))
            return (before, try transaction.storedAnswer(forKey: "k1"))
        }
        #expect(seen.0 == nil)
        #expect(seen.1 == answer)
        #expect(try await store.write { try $0.storedAnswer(forKey: "k1") } == answer)
        await #expect(throws: Failed.self) {
            try await store.write { transaction in
                try transaction.store(StoredAnswer(fingerprint: "cd34", body: "{}"), forKey: "k2", at: Instant(secondsSinceEpoch: 0))
                throw Failed()
            }
        }
        #expect(try await store.write { try $0.storedAnswer(forKey: "k2") } == nil)
    }

    /// Keys do not grow forever: a keyed write forgets answers kept more than
    /// ``StoredAnswer/lifetime`` before it, oldest first, a bounded batch at a
    /// time; younger ones stay.
    @Test(arguments: StoreConformanceTests.Kind.allCases)
    func aKeyedWriteForgetsAnswersOlderThanTheirLifetime(_ kind: StoreConformanceTests.Kind) async throws {
        let (store, remove) = try await StoreConformanceTests.make(kind, roster: [])
        defer { remove() }
        let start = Instant(secondsSinceEpoch: 1_700_000_000)
        let answer = StoredAnswer(fingerprint: "ab12", body: "{}")
        let old = (0..<(StoredAnswer.forgottenPerWrite + 1)).map { "old-\($0)" }
        try await store.write { transaction in
            for (n, key) in old.enumerated() {
                try transaction.store(answer, forKey: key, at: start + TimeSpan(seconds: Int64(n)))
            }
        }
        try await store.write { try $0.store(answer, forKey: "young", at: start + .hours(23)) }
        // Exactly one lifetime after the first: none is past it yet.
        try await store.write { try $0.store(answer, forKey: "day", at: start + StoredAnswer.lifetime) }
        #expect(try await store.write { try $0.storedAnswer(forKey: old[0]) } == answer)
        // A day and a minute on: the batch takes the oldest, the newest old one waits for the next write.
        try await store.write { try $0.store(answer, forKey: "next", at: start + StoredAnswer.lifetime + .hours(1)) }
        let kept = try await store.write { transaction in
            try (old + ["young", "day", "next"]).filter { try transaction.storedAnswer(forKey: $0) != nil }
        }
        #expect(kept == [old[old.count - 1], "young", "day", "next"])
        try await store.write { try $0.store(answer, forKey: "last", at: start + StoredAnswer.lifetime + .hours(1)) }
        #expect(try await store.write { try $0.storedAnswer(forKey: old[old.count - 1]) } == nil)
        #expect(try await store.write { try $0.storedAnswer(forKey: "young") } == answer)
    }
}
