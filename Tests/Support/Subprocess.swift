import Foundation

/// Runs a real program and collects what it printed: how the tests meet
/// `followupctl` and the scenario checker the way admins do.
public struct Subprocess: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The `followupctl` built beside the test runner (or `$FOLLOWUPCTL`).
    public static var followupctl: String {
        if let path = ProcessInfo.processInfo.environment["FOLLOWUPCTL"] { return path }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("followupctl").path
    }

    /// Runs `executable` with `arguments` in `directory`, feeding `input` on stdin,
    /// and waits for it. Blocks the calling thread.
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil,
                           directory: String?) throws -> Subprocess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
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
        return Subprocess(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}
