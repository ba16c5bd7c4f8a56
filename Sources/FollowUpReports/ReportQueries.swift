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

    /// The stored ``LeadContribution`` of every lead captured at or after
    /// `since` and before `until`, computed under rules of `rulesVersion`;
    /// nil when the store keeps none under that version (the caller reads
    /// ``reportFacts(capturedSince:before:)`` instead). A store that keeps
    /// contributions rebuilds them here when the version changed and it can write.
    func reportContributions(capturedSince since: Instant?, before until: Instant?, rules: Rules) async throws -> [LeadContribution]?

    /// Keeps every lead's contribution under `rules` from now on, filling
    /// them first when the store holds none under that version. The daemon
    /// calls it at start, before ingest, so the first report does not fill
    /// them inside a write transaction while events wait.
    func keepReportContributions(under rules: Rules) async throws

    /// The group rows of the dimensions `read` over `window`, summed
    /// (``ReportGroups``), corrected as of `now`, with exact percentiles for
    /// the groups of `dimensions`; nil when the store keeps no group rows
    /// (the caller reads contributions or scans).
    func reportGroups(window: ReportWindow, asOf now: Instant, reading read: Set<ReportDimension>,
                      percentilesBy dimensions: [ReportDimension], rules: Rules) async throws -> ReportGroups?
}

extension ReportQueries {
    /// A store that keeps no contributions (PostgreSQL, for now): reports scan.
    public func reportContributions(capturedSince since: Instant?, before until: Instant?, rules: Rules) async throws -> [LeadContribution]? {
        nil
    }

    /// A store that keeps no group rows (PostgreSQL, for now): reports scan.
    public func reportGroups(window: ReportWindow, asOf now: Instant, reading read: Set<ReportDimension>,
                             percentilesBy dimensions: [ReportDimension], rules: Rules) async throws -> ReportGroups? {
        nil
    }

    /// A store that keeps no contributions has nothing to keep.
    public func keepReportContributions(under rules: Rules) async throws {}
}
