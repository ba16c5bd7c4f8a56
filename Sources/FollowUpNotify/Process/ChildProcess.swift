import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with bytes on its stdin and waits for it, with a timeout
/// (the program is killed when it passes). What it printed on stderr is kept
/// for the error message; stdout is discarded.
struct ChildProcess {
    /// How the run ended.
    enum Ending: Sendable {
        case exited(Int32, stderr: String)
        case signalled(Int32, stderr: String)
        case timedOut
        case failedToStart(String)
    }

    static func run(_ command: [String], input: [UInt8], timeout: Duration) async -> Ending {
        guard let program = command.first else { return .failedToStart("empty command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        // stdin is a socket pair, not a pipe: writing to a program that exited
        // without reading must fail that write (MSG_NOSIGNAL), not raise SIGPIPE.
        var ends: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
            return .failedToStart("cannot make a socket pair for \(program)'s stdin: errno \(errno)")
        }
        let ours = ends[0]
        let childEnd = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let stderr = Pipe()
        process.standardInput = childEnd
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        let state = ChildState()
        process.terminationHandler = { _ in state.exited() }
        do {
            try process.run()
        } catch {
            close(ours)
            return .failedToStart("cannot run \(program): \(error.localizedDescription)")
        }
        try? childEnd.close()
        // Feed stdin and drain stderr off the cooperative pool: both may block on a full pipe.
        let feeding = Thread {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let n = send(ours, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
                }
            }
            close(ours)
        }
        feeding.start()
        let reader = stderr.fileHandleForReading
        let draining = Thread {
            let data = reader.readDataToEndOfFile()
            state.setErrorText(String(decoding: data.prefix(2_000), as: UTF8.self))
        }
        draining.start()
        let pid = process.processIdentifier
        let killer = Task {
            try await Task.sleep(for: timeout)
            state.timedOut()
            kill(pid, SIGKILL)
        }
        await state.waitForExit()
        killer.cancel()
        process.waitUntilExit()
        // stderr closes when the program exits; give the drain a moment to record it.
        for _ in 0..<50 where !draining.isFinished { try? await Task.sleep(for: .milliseconds(2)) }
        let text = state.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
        if state.didTimeOut { return .timedOut }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus, stderr: text)
        case .uncaughtSignal: return .signalled(process.terminationStatus, stderr: text)
        @unknown default: return .exited(process.terminationStatus, stderr: text)
        }
    }
}

/// What the termination handler, the pipe threads and the waiter share.
private final class ChildState: Sendable {
    private struct Fields {
        var exited = false
        var waiter: CheckedContinuation<Void, Never>?
        var errorText = ""
        var timedOut = false
    }

    private let fields = Mutex(Fields())

    func exited() {
        let waiter = fields.withLock { f -> CheckedContinuation<Void, Never>? in
            f.exited = true
            defer { f.waiter = nil }
            return f.waiter
        }
        waiter?.resume()
    }

    func waitForExit() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let already = fields.withLock { f -> Bool in
                if f.exited { return true }
                f.waiter = c
                return false
            }
            if already { c.resume() }
        }
    }

    func setErrorText(_ text: String) { fields.withLock { $0.errorText = text } }
    var errorText: String { fields.withLock { $0.errorText } }
    func timedOut() { fields.withLock { $0.timedOut = true } }
    var didTimeOut: Bool { fields.withLock { $0.timedOut } }
}
