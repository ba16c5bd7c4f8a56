import FollowUpCore
import Foundation

/// Finds and reads the rule files of a directory: every `*.yaml` / `*.yml`
/// regular file, in lexical (byte) order, so `10-…` loads before `20-…`
/// whatever the locale. Hidden files (editor swap and lock files) are skipped.
enum RuleDirectory {
    /// The files' texts, and problems for a missing or empty directory and for
    /// files that cannot be read or are not UTF-8.
    static func sources(in directory: String) -> (sources: [RuleSource], log: ProblemLog) {
        var log = ProblemLog()
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            log.error("rule directory does not exist", at: .whole(directory))
            return ([], log)
        }
        guard isDirectory.boolValue else {
            log.error("is not a directory (expected a directory of *.yaml rule files)", at: .whole(directory))
            return ([], log)
        }
        let names: [String]
        do {
            names = try files.contentsOfDirectory(atPath: directory)
        } catch {
            log.error("cannot list the rule directory: \(error.localizedDescription)", at: .whole(directory))
            return ([], log)
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let ruleFiles = names
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .filter { name in
                var isDirectory: ObjCBool = false
                return files.fileExists(atPath: base + name, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        guard !ruleFiles.isEmpty else {
            log.error("no rule files (*.yaml, *.yml) in the rule directory", at: .whole(directory))
            return ([], log)
        }
        var sources: [RuleSource] = []
        for name in ruleFiles {
            let path = base + name
            guard let data = files.contents(atPath: path) else {
                log.error("cannot read the file", at: .whole(path))
                continue
            }
            switch UTF8Text.decode(Array(data)) {
            case .success(let text): sources.append(RuleSource(path: path, name: name, text: text))
            case .failure(let bad):
                log.error("the file is not UTF-8 text: invalid byte 0x\(String(bad.byte, radix: 16, uppercase: true)); "
                          + "save it as UTF-8", at: SourcePlace(file: path, line: bad.line, column: bad.column))
            }
        }
        return (sources, log)
    }
}
