import Foundation
import FollowUpCore
import FollowUpRules
import Testing

/// Loading `rules.d` from disk: which files, in which order, and the problems
/// of the directory itself.
@Suite struct DirectoryLoadingTests {
    /// A fresh empty directory, removed when `body` returns.
    func withDirectory(_ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "followup-rules-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    func problems(_ directory: String) -> [Diagnostic] {
        do {
            _ = try RuleSet.load(directory: directory)
            return []
        } catch {
            return error.problems
        }
    }

    @Test func anEmptyDirectoryIsAnErrorNamingIt() throws {
        try withDirectory { dir in
            try write("not rules", to: dir + "/README.txt")
            try write("fallback: x\n", to: dir + "/.hidden.yaml")
            #expect(problems(dir).map(\.description) == ["\(dir): error: no rule files (*.yaml, *.yml) in the rule directory"])
        }
    }

    @Test func aMissingDirectoryIsAnErrorNamingIt() {
        let dir = "/nonexistent/followup/rules.d"
        #expect(problems(dir).map(\.description) == ["\(dir): error: rule directory does not exist"])
    }

    @Test func filesLoadInLexicalOrderAndLaterOnesWin() throws {
        try withDirectory { dir in
            try write(RuleFixtures.base, to: dir + "/10-base.yaml")
            try write("fallback: night-shift\n", to: dir + "/9-late.yml")  // "9" sorts after "1"
            try write("fallback: ignored\n", to: dir + "/99-notes.yaml.bak")
            let loaded = try RuleSet.load(directory: dir)
            #expect(loaded.files == [dir + "/10-base.yaml", dir + "/9-late.yml"])
            #expect(loaded.rules.fallback == "night-shift")
            #expect(loaded.notes.first?.place?.file == dir + "/9-late.yml")
            // The version covers bare names, so the same files elsewhere keep it.
            let inMemory = try RuleSet.load(sources: [(name: "10-base.yaml", text: RuleFixtures.base),
                                                      (name: "9-late.yml", text: "fallback: night-shift\n")])
            #expect(inMemory.rules.version == loaded.rules.version)
        }
    }

    @Test func aFileThatIsNotUTF8IsAnErrorAtItsFirstBadByte() throws {
        try withDirectory { dir in
            try write(RuleFixtures.base, to: dir + "/10-base.yaml")
            try Data("# caf".utf8 + [0xE9] + Array("\n".utf8)).write(to: URL(fileURLWithPath: dir + "/20-latin1.yaml"))
            #expect(problems(dir).map(\.description)
                    == ["\(dir)/20-latin1.yaml:1:6: error: the file is not UTF-8 text: invalid byte 0xE9; save it as UTF-8"])
        }
    }

    @Test func problemsAreOrderedByFileThenPosition() throws {
        try withDirectory { dir in
            try write(RuleFixtures.base + "reps:\n  - { id: a, backup: a }\n", to: dir + "/10-base.yaml")
            try write("fallback: [x]\npriorities:\n  high: { first_touch: 0m }\n", to: dir + "/20-more.yaml")
            let found = problems(dir).filter { $0.severity == .error }.map { "\(($0.place?.file ?? "").split(separator: "/").last ?? ""):\(($0.place?.line ?? 0))" }
            #expect(found == ["10-base.yaml:23", "20-more.yaml:1", "20-more.yaml:3"])
        }
    }
}
