import FollowUpCore

/// One API request as the timeline will apply it: its events placed at its
/// own `now` (those sent without `at`) and checked against the clock, in the
/// order they came.
struct IngestRequest: Sendable {
    var events: [Event]
    var source: String
    /// The daemon's now when the request arrived: the events' `received_at`,
    /// and the instant the clock-stepped-back check compares with.
    var receivedAt: Instant
    /// The client's `Idempotency-Key`, when it sent one.
    var once: IdempotentRequest? = nil
}

/// What the timeline did with one request: applied it, or found its
/// `Idempotency-Key` applied before and kept the answer it got then.
enum IngestAnswer: Sendable {
    case applied([AcceptedEvent])
    case repeated(body: String)
}

/// What a waiting request hears: apply the next group (it is at the head of
/// the queue), or its own outcome, once the group it was in committed.
enum IngestTurn: Sendable {
    case lead
    case done(Result<IngestAnswer, any Error>)
}

/// The requests waiting for the next ingest transaction (group commit).
///
/// At most one request leads at a time: it takes every request waiting when
/// its turn comes (up to ``maxGroupEvents``), applies them in one
/// transaction, tells each its outcome after the commit, and hands the lead
/// to the head of what arrived meanwhile. Requests that arrive while a
/// transaction commits so share the next one, instead of each waiting for a
/// commit of its own. A value kept by the ``Timeline`` actor.
struct IngestQueue {
    /// A group stops growing at this many events: a bound on a transaction's
    /// size, so the lock is not held for long and one failed group re-runs little.
    static let maxGroupEvents = 5_000

    struct Waiter: Sendable {
        var request: IngestRequest
        var turn: CheckedContinuation<IngestTurn, Never>
    }

    /// In arrival order; while a request leads, it is the first.
    private var waiting: [Waiter] = []
    private var leading = false

    /// Requests waiting, the leader's included.
    var count: Int { waiting.count }

    /// Queues `waiter`, and tells it to lead when no request does.
    mutating func join(_ waiter: Waiter) {
        waiting.append(waiter)
        if !leading {
            leading = true
            waiter.turn.resume(returning: .lead)
        }
    }

    /// Takes the leader and the requests behind it, in arrival order, as long
    /// as the group stays within ``maxGroupEvents`` (the leader always goes).
    mutating func takeGroup() -> [Waiter] {
        var events = 0
        var taken = 0
        for waiter in waiting {
            if taken > 0, events + waiter.request.events.count > Self.maxGroupEvents { break }
            events += waiter.request.events.count
            taken += 1
        }
        defer { waiting.removeFirst(taken) }
        return Array(waiting.prefix(taken))
    }

    /// Returns requests taken but not applied (their leader was cancelled) to
    /// the head of the queue, in their order: the next leader applies them first.
    mutating func putBack(_ waiters: ArraySlice<Waiter>) {
        waiting.insert(contentsOf: waiters, at: 0)
    }

    /// The leader is done: the head of the queue leads next, if any waits.
    mutating func handOff() {
        if let next = waiting.first {
            next.turn.resume(returning: .lead)
        } else {
            leading = false
        }
    }
}
