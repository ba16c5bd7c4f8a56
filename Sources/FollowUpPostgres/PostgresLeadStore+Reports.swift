public import FollowUpCore
public import FollowUpReports
import PostgresNIO

/// Per-lead facts for reports, read as the SQLite store reads them: the
/// leads of the window, their touches, accepts and declines from the log, and
/// their follow-through notifications from the outbox (first row of each id).
extension PostgresLeadStore: ReportQueries {
    public func reportFacts(capturedSince since: Instant?, before until: Instant?) async throws -> [LeadFacts] {
        let lower = since?.secondsSinceEpoch ?? Int64.min
        let upper = until?.secondsSinceEpoch ?? Int64.max
        let leads = try await leadRows("""
            SELECT row_to_json(l)::text FROM leads l WHERE captured_at >= \(lower) AND captured_at < \(upper) ORDER BY seq
            """)
        var index: [LeadID: Int] = [:]
        index.reserveCapacity(leads.count)
        for (i, lead) in leads.enumerated() { index[lead.id] = i }
        var touches = Array(repeating: [TouchFact](), count: leads.count)
        var responses = Array(repeating: [OfferResponse](), count: leads.count)
        for row in try await rows("""
            SELECT lead, at, rep, type, body::jsonb ->> 'outcome', body::jsonb ->> 'channel' FROM events
            WHERE type IN ('touch.logged', 'lead.accepted', 'lead.declined')
                AND lead IN (SELECT id FROM leads WHERE captured_at >= \(lower) AND captured_at < \(upper))
            ORDER BY seq
            """) {
            let (lead, seconds, rep, type, outcomeText, channelText) =
                try row.decode((String, Int64, String?, String, String?, String?).self)
            guard let i = index[lead] else { continue }
            let at = Instant(secondsSinceEpoch: seconds)
            if let answer = OfferResponse.Answer(eventType: type) {
                responses[i].append(OfferResponse(at: at, rep: rep ?? "", answer: answer))
                continue
            }
            guard let outcome = Outcome(rawValue: outcomeText ?? "") else {
                throw PostgresStoreError.data(table: "events", key: lead,
                                              message: "touch.logged without a known outcome: \(outcomeText ?? "")")
            }
            // A channel this build does not know is no call.
            touches[i].append(TouchFact(at: at, rep: rep ?? "", outcome: outcome, channel: channelText.flatMap(Channel.init(rawValue:))))
        }
        var notices = Array(repeating: [NoticeFact](), count: leads.count)
        // One row per receiver, inserted together: keep the first row of each id.
        var previousID = ""
        for row in try await rows("""
            SELECT id, lead, at, kind, (payload::jsonb ->> 'step')::integer, payload::jsonb ->> 'to', payload::jsonb ->> 'reason'
            FROM outbox WHERE kind = ANY(\(NoticeFact.reportedKinds.map(\.rawValue).sorted()))
                AND lead IN (SELECT id FROM leads WHERE captured_at >= \(lower) AND captured_at < \(upper))
            ORDER BY mint
            """) {
            let (id, lead, seconds, kindText, step, to, reason) =
                try row.decode((String, String, Int64, String, Int?, String?, String?).self)
            guard id != previousID, let i = index[lead] else { continue }
            previousID = id
            guard let kind = NotificationKind(rawValue: kindText) else {
                throw PostgresStoreError.data(table: "outbox", key: id, message: "unknown notification kind: \(kindText)")
            }
            // A reason this build does not know counts as none: no figure asks for it.
            notices[i].append(NoticeFact(at: Instant(secondsSinceEpoch: seconds), kind: kind, step: step, to: to ?? "",
                                         reason: reason.flatMap(NotificationReason.init(rawValue:))))
        }
        return leads.indices.map {
            LeadFacts(lead: leads[$0], touches: touches[$0], notices: notices[$0], responses: responses[$0])
        }
    }

    /// Byte order, no-team first: what SQLite's `ORDER BY team` gives, whatever the database's collation.
    public func teamLoad() async throws -> [ReportBucket] {
        try await rows("""
            SELECT team, count(*) FROM leads WHERE in_cadence GROUP BY team ORDER BY team COLLATE "C" NULLS FIRST
            """).map { row in
            let (team, n) = try row.decode((String?, Int64).self)
            return ReportBucket(label: team ?? ReportGrouping.none, count: Int(n))
        }
    }
}
