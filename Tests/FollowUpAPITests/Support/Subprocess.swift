import Foundation

/// Runs a real program and collects what it printed: how these tests meet
/// `followupctl` the way admins do.
struct Subprocess: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The `followupctl` built beside the test runner (or `$FOLLOWUPCTL`).
    static var followupctl: String {
        if let path = ProcessInfo.processInfo.environment["FOLLOWUPCTL"] { return path }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return runner.deletingLastPathComponent().appendingPathComponent("followupctl").path
    }

    /// Runs followupctl with `arguments`, feeding `input` on stdin, in `directory`.
    ///
    /// The child is waited for on a Dispatch thread, not a cooperative one: the
    /// in-process daemon it talks to needs the cooperative pool to answer.
    static func ctl(_ arguments: [String], input: String? = nil, directory: String? = nil) async throws -> Subprocess {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try blockingRun(followupctl, arguments, input: input, directory: directory))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func blockingRun(_ executable: String, _ arguments: [String], input: String?,
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
