import Foundation
import FollowUpTestSupport

/// How these tests meet `followupctl`: from the repository root, the way admins run it.
extension Subprocess {
    /// The repository root (this file is Tests/FollowUpCtlTests/Subprocess.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped rules.
    static let rules = root.appendingPathComponent("etc/followup/rules.d").path
    /// The example rule set with territories, weights, capacities and an acceptance window.
    static let territoryRules = root.appendingPathComponent("examples/rules.d-territories").path

    /// Runs `executable` in the repository root.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Subprocess {
        try run(executable, arguments, input: input, directory: root.path)
    }

    /// Runs followupctl.
    static func ctl(_ arguments: String..., input: String? = nil) throws -> Subprocess {
        try run(followupctl, arguments, input: input)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String = "events.jsonl") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("followupctl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
