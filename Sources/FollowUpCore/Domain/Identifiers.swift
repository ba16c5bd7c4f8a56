/// A lead's id as the CRM gives it (`L1`, `crm-8812`).
public typealias LeadID = String

/// A rep's id (`alice`). The rep id `system` is reserved for touches the
/// daemon logs itself (the automatic acknowledgement).
public typealias RepID = String

extension RepID {
    /// The rep that logs automatic touches.
    public static let system: RepID = "system"
}
