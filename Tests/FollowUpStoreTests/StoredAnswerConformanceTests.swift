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
            try transaction.store(answer, forKey: "k1")
            return (before, try transaction.storedAnswer(forKey: "k1"))
        }
        #expect(seen.0 == nil)
        #expect(seen.1 == answer)
        #expect(try await store.write { try $0.storedAnswer(forKey: "k1") } == answer)
        await #expect(throws: Failed.self) {
            try await store.write { transaction in
                try transaction.store(StoredAnswer(fingerprint: "cd34", body: "{}"), forKey: "k2")
                throw Failed()
            }
        }
        #expect(try await store.write { try $0.storedAnswer(forKey: "k2") } == nil)
    }
}
