/// One rule file's text and the names it goes by.
struct RuleSource {
    /// How problems name the file: the path as found (`/etc/followup/rules.d/30-cadence.yaml`).
    var path: String
    /// What the version fingerprint covers: the bare file name, so the same
    /// rules installed in another directory keep their version.
    var name: String
    var text: String
}
