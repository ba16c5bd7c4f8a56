import FollowUpCore
import FollowUpFormats
/// Whether a lead's first touch met its first-touch deadline.
public enum FirstTouchSLA: String, Sendable, Hashable {
    /// The first touch was logged at or before the deadline.
    case met
    /// The first touch came after the deadline, or the deadline passed with no touch.
    case missed
    /// No touch yet, and the deadline is still ahead: neither met nor missed.
    case pending
    /// The lead has no cadence (an unqualified, nurture-only lead): no first-touch deadline.
    case notApplicable = "not_applicable"
}
