import FollowUpCore
import FollowUpRules

extension DaemonConfig {
    /// What parsing `text` as `followupd.yaml` finds wrong, each as
    /// `FILE:LINE:COL: …`; empty when the config is good.
    static func problems(in text: String) -> [String] {
        do {
            _ = try DaemonConfig.parse(text, file: "followupd.yaml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }
}
