public import FollowUpCore
import FollowUpFormats
/// Reading the store for reports: per-lead facts of the leads captured in a
/// window. The daemon computes every figure from these in the core
/// (``Report/make(facts:rules:grouping:window:asOf:)``); the store only reads.
public protocol ReportQueries: Sendable {
    /// Facts about every lead captured at or after `since` and before `until`
    /// (either bound may be nil: unbounded), in capture order.
    func reportFacts(capturedSince since: Instant?, before until: Instant?) async throws -> [LeadFacts]

    /// Leads in cadence now per team (every lead, whatever its capture time);
    /// label `(none)` for leads without a team.
    func teamLoad() async throws -> [ReportBucket]
}
