import FollowUpCore

/// Ingest with group commit: requests that arrive while a transaction
/// commits wait, and the next transaction applies all of them, back to back
/// in arrival order, exactly as if each had run alone after the other. Each
/// request is acknowledged only after the transaction it was in committed.
extension Timeline {
    public func submit(_ pending: [PendingEvent], source: String) async throws -> [AcceptedEvent] {
        switch try await ingest(pending, source: source, once: nil) {
        case .applied(let accepted): accepted
        case .repeated: preconditionFailure("a request without Idempotency-Key was answered from a kept one")
        }
    }

    public func submit(_ pending: [PendingEvent], source: String, once: IdempotentRequest) async throws -> String {
        switch try await ingest(pending, source: source, once: once) {
        case .applied(let accepted): once.answer(accepted)
        case .repeated(let body): body
        }
    }

    private func ingest(_ pending: [PendingEvent], source: String, once: IdempotentRequest?) async throws -> IngestAnswer {
        let now = clock.now()
        var events: [Event] = []
        events.reserveCapacity(pending.count)
        for (index, p) in pending.enumerated() {
            let event = p.placed(now: now)
            if event.at > now + Self.maxFutureSkew {
                throw EventBatchError(index: index, error: Diagnostic(
                    field: "at", message: "\(event.at) is in the future (the daemon's clock reads \(now)); leave `at` out to mean now"))
            }
            events.append(event)
        }
        let request = IngestRequest(events: events, source: source, receivedAt: now, once: once)
        let turn = await withCheckedContinuation { ingest.join(IngestQueue.Waiter(request: request, turn: $0)) }
        switch turn {
        case .done(let outcome):
            return try outcome.get()
        case .lead:
            let outcome = await exclusive.run { await self.commitGroup() }
            scheduler.ring()  // the group may have set an earlier timer
            delivery.ring()  // timers fired inside the group mint notifications too
            checkpoint.ring()
            return try outcome.get()
        }
    }

    /// Under the lock: takes the leader's group (whoever waits now, so the
    /// requests that came while a timer fired or the last group committed
    /// join it), applies it, tells every request but the leader its outcome,
    /// and hands the lead on. Returns the leader's own outcome.
    ///
    /// The group is written from the leader's task, and the store's writes
    /// stop when their task is cancelled (a client that hung up): then the
    /// leader fails alone, as a cancelled request did before, and the
    /// requests of its group not yet written go back to the head of the queue
    /// for the next leader. (A task of its own for the write would not be
    /// cancelled, but would leave the caller's executor: the tests' server threads.)
    private func commitGroup() async -> Result<IngestAnswer, any Error> {
        let group = ingest.takeGroup()
        let outcomes = await apply(group.map(\.request))
        for (waiter, outcome) in zip(group, outcomes).dropFirst() {
            waiter.turn.resume(returning: .done(outcome))
        }
        ingest.putBack(group.dropFirst(max(1, outcomes.count)))
        ingest.handOff()
        return outcomes.first ?? .failure(CancellationError())
    }

    /// One outcome per request, in order, as serial execution gives them;
    /// fewer (a prefix) when the leader's task is cancelled: the rest were not written.
    private func apply(_ requests: [IngestRequest]) async -> [Result<IngestAnswer, any Error>] {
        guard !Task.isCancelled else { return [] }
        do {
            return try await applyTogether(requests).map { .success($0) }
        } catch {
            guard requests.count > 1 else { return [.failure(error)] }
            // A request of the group failed (a bad event, almost always: the engine's checks), so the
            // whole group rolled back: the store port has no savepoints, and stays as it is (a PostgreSQL
            // store is written against it). Bad input is rare; each request runs again in a transaction of
            // its own, in order and still under the lock: the outcome of serial execution, the bad one
            // failing alone with its own error and the others committed.
            var outcomes: [Result<IngestAnswer, any Error>] = []
            for request in requests {
                if Task.isCancelled { break }  // the group may have failed for that; see commitGroup()
                do {
                    outcomes.append(.success(try await applyTogether([request])[0]))
                } catch {
                    outcomes.append(.failure(error))
                }
            }
            return outcomes
        }
    }

    /// Applies `requests` back to back in ONE transaction (all commit or
    /// none), each with today's rules for one request: its late events at the
    /// timeline's time, its timers due before each event fired first, its
    /// own `received_at`. The caller holds the lock.
    ///
    /// A request with an `Idempotency-Key` looks it up first, in the same
    /// transaction (one indexed read): found with the same body, it is
    /// answered from it and nothing applies; found with another,
    /// ``IdempotencyConflict`` fails it. Applied, its answer is kept with it.
    /// - Throws: the first request's ``EventBatchError`` (or ``IdempotencyConflict``)
    ///   or a storage error; nothing is written then.
    private func applyTogether(_ requests: [IngestRequest]) async throws -> [IngestAnswer] {
        let engine = self.engine  // read under the lock: a reload swaps it there
        // What the timeline will have applied after each request: committed only with the transaction.
        var applied = lastApplied
        var placed: [IngestRequest] = []
        placed.reserveCapacity(requests.count)
        for var request in requests {
            var floor = floor(after: applied, at: request.receivedAt)
            for index in request.events.indices {
                // A late event (the timeline moved past its `at`) applies at the timeline's
                // time; one slightly ahead of the clock (≤ maxFutureSkew) at its own.
                let at = max(request.events[index].at, floor ?? request.events[index].at)
                request.events[index].at = at
                floor = at
            }
            applied = floor
            placed.append(request)
        }
        let batch = placed
        // The leads the group names, so a store that pays a round trip per read
        // (PostgreSQL) fetches them in one statement before the engine runs.
        let named = batch.flatMap { $0.events.compactMap(\.lead) }
        let results = try await store.write(reading: named) { transaction in
            try batch.map { request -> Written in
                if let once = request.once, let kept = try transaction.storedAnswer(forKey: once.key) {
                    guard kept.fingerprint == once.fingerprint else { throw IdempotencyConflict(key: once.key) }
                    return .repeated(body: kept.body)
                }
                let result = try engine.advance(through: request.events, source: request.source,
                                                receivedAt: request.receivedAt, in: transaction)
                if let once = request.once {
                    let answer = once.answer(Self.accepted(request, result))
                    try transaction.store(StoredAnswer(fingerprint: once.fingerprint, body: answer), forKey: once.key,
                                          at: request.receivedAt)
                }
                return .applied(result)
            }
        }
        lastApplied = applied
        metrics.ingestGroup(requests: batch.count)
        return zip(batch, results).map { request, written in
            switch written {
            case .repeated(let body):
                return .repeated(body: body)
            case .applied(let result):
                recordLag(of: result.timers)
                for event in request.events { metrics.eventAccepted(type: event.type) }
                return .applied(Self.accepted(request, result))
            }
        }
    }

    /// What one request of a group did in the transaction.
    private enum Written: Sendable {
        case applied(TimelineBatch)
        case repeated(body: String)
    }

    /// One result per event of `request`, at the instant each was applied.
    private static func accepted(_ request: IngestRequest, _ result: TimelineBatch) -> [AcceptedEvent] {
        zip(request.events, result.events).map { event, recorded in
            AcceptedEvent(seq: recorded.seq, appliedAt: event.at, notifications: recorded.notifications)
        }
    }
}

extension Timeline {
    /// Requests waiting for an ingest transaction (the leading one included):
    /// what tests read to know a group has formed.
    package var waitingRequests: Int { ingest.count }
}
