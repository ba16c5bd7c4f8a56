import Foundation

/// Runs a real program and collects what it printed: how these tests meet
/// `followupctl` the way admins do.
struct Subprocess {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The repository root (this file is Tests/FollowUpCtlTests/Subprocess.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `followupctl` built beside the test runner (or `$FOLLOWUPCTL`).
    static var followupctl: String {
        if let path = ProcessInfo.processInfo.environment["FOLLOWUPCTL"] { return path }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("followupctl").path
    }

    /// The shipped rules.
    static let rules = root.appendingPathComponent("etc/followup/rules.d").path

    /// Runs `executable` with `arguments` in the repository root, feeding `input` on stdin.
    static func run(_ executable: String, _ arguments: [String], input: String? = nil) throws -> Subprocess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Subprocess(status: process.terminationStatus,
                          stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
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
