public import Foundation

/// The shared worked examples the shipped rules must pass: `../shared/scenarios/v2`
/// (DESIGN.md version 2), less those whose features are not built yet.
/// Every test that replays shared scenarios reads the list from here, so the
/// switch of contract happens in one place.
public enum SharedScenarios {
    /// `../shared/scenarios/v2`, beside the checkout.
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/scenarios/v2")

    /// Scenarios that need a feature still to come (none now).
    public static let pending: Set<String> = []

    /// The `*.events.jsonl` files to replay, sorted.
    public static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".events.jsonl") && !pending.contains($0) }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// The scenario's `.until` file, when it has one (else the checker's rule applies).
    public static func until(of events: URL) -> String? {
        let path = events.path.replacingOccurrences(of: ".events.jsonl", with: ".until")
        return (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
