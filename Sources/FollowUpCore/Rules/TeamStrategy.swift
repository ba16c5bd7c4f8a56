/// How a team shares the leads routed to it.
public enum TeamStrategy: String, Hashable, Sendable, CaseIterable {
    /// The next available rep after the one chosen last, in roster order (version 1).
    case roundRobin = "round_robin"
    /// Smooth weighted round robin by rep `weight`: each pick adds every
    /// eligible rep's weight to its running total, takes the largest (ties in
    /// roster order) and subtracts the sum of the eligible weights from it.
    case weighted
    /// The eligible rep holding the fewest leads in cadence (ties in roster order).
    case leastOpen = "least_open"
}
