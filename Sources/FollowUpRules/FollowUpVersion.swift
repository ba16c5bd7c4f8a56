/// The release both binaries report with `--version`.
public enum FollowUpVersion {
    /// Semantic version; 2.x carries DESIGN.md's version 2 policy.
    public static let current = "2.0.0-dev"
}
