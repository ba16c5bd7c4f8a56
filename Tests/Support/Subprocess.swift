import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
    /// - Parameter timeout: seconds after which the program is killed (SIGKILL),
    ///   for programs a test expects to exit but that might run on (a daemon).
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil,
                           directory: String?, timeout: Double? = nil) throws -> Subprocess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        let pid = process.processIdentifier
        let killer = DispatchWorkItem { _ = kill(pid, SIGKILL) }
        if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer) }
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
        killer.cancel()
        return Subprocess(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                          stderr: String(decoding: errData, as: UTF8.self))
    }
}
