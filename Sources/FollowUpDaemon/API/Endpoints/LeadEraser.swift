public import FollowUpCore

/// What `POST /v1/leads/{id}/erase` asks of the daemon: remove the lead's
/// personal data, keep its anonymous counts (docs/semantics.md, "Erasing a lead").
public protocol LeadEraser: Sendable {
    /// - Returns: what was rewritten, or nil for an unknown lead.
    func erase(_ lead: LeadID) async throws -> LeadErasure?
}

/// Erases in the store between event batches and timer firings, so no event
/// or timer for the lead is half-applied around the erasure.
public struct StoreLeadEraser: LeadEraser {
    let store: any LeadErasing
    let timeline: Timeline

    public init(store: any LeadErasing, timeline: Timeline) {
        self.store = store
        self.timeline = timeline
    }

    public func erase(_ lead: LeadID) async throws -> LeadErasure? {
        try await timeline.exclusively { [store] now in try await store.erase(lead, at: now) }
    }
}
