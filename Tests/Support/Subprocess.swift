public import Foundation
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

    /// How long a program may run when the caller names no timeout. No
    /// program a test runs takes minutes: past this it is hung, and the test
    /// fails with what it printed instead of holding the whole run (CI's
    /// time limit once ran out on a test that waited forever).
    public static let defaultTimeout: Double = 300

    /// How long the pipes may stay open after the program exited: a process
    /// it started (a daemon, a browser's helper) may keep them, and its output
    /// is not the program's.
    static let pipeGrace: Double = 5

    /// Runs `executable` with `arguments` in `directory`, feeding `input` on stdin,
    /// and waits for it. Blocks the calling thread.
    /// - Parameter timeout: seconds after which the program and its process
    ///   group are killed (SIGKILL); ``defaultTimeout`` when nil.
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
        // A program that exits without reading all its stdin must fail the write
        // (EPIPE), not kill the test process with SIGPIPE: it once ended a whole run.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(timeout ?? defaultTimeout)
        // stdin from a thread of its own: a program that answers as it reads
        // (`followupctl event`) would otherwise fill its stdout pipe while we
        // are still writing, and both would wait for ever.
        let feeding = Thread {
            if let input { try? inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
            try? inPipe.fileHandleForWriting.close()
        }
        feeding.start()
        var drained = PipeDrain(out.fileHandleForReading.fileDescriptor, err.fileHandleForReading.fileDescriptor)
        var ended: (ending: Ending, at: Date)?
        var killed = false
        while true {
            drained.read(waiting: 0.05)
            if ended == nil, let seen = Ending.peek(pid, process) { ended = (seen, Date()) }
            if let ended, drained.finished || Date().timeIntervalSince(ended.at) > pipeGrace { break }
            if !killed, Date() > deadline {
                // Foundation starts each child in a process group of its own.
                kill(-pid, SIGKILL)
                kill(pid, SIGKILL)
                killed = true
            }
            if killed, Date().timeIntervalSince(deadline) > pipeGrace + 5 {
                throw Failure(description: "\(executable) \(arguments.joined(separator: " ")): still running \(pipeGrace + 5) s after SIGKILL")
            }
        }
        guard let ended else { preconditionFailure("left the loop before the program ended") }
        return Subprocess(status: ended.ending.status(process), stdout: String(decoding: drained.data[0], as: UTF8.self),
                          stderr: String(decoding: drained.data[1], as: UTF8.self))
    }

    /// Why a program could not be run to its end.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// How the program ended, seen without reaping it: Foundation's `Process`
    /// reaps it, and notices only when every copy of its exit socket closed,
    /// which a process the program started may hold for ever.
    enum Ending {
        /// Exited with this status, or killed by this signal (as `Process.terminationStatus` reports both).
        case known(Int32)
        /// Foundation reaped it first: its status is Foundation's.
        case reaped

        static func peek(_ pid: pid_t, _ process: Process) -> Ending? {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
                return info._sifields._sigchld.si_pid == pid ? .known(info._sifields._sigchld.si_status) : nil
            }
            return errno == ECHILD && !process.isRunning ? .reaped : nil
        }

        func status(_ process: Process) -> Int32 {
            switch self {
            case .known(let status): status
            case .reaped: process.terminationStatus
            }
        }
    }
}

/// Reads a program's stdout and stderr as they come, with `poll`, so neither
/// pipe fills while the other is read, and a wait never outlives its caller's deadline.
public struct PipeDrain {
    private var fds: [Int32]
    private var open: [Bool]
    /// Everything read from each descriptor, in the order given.
    public private(set) var data: [Data]

    public init(_ fds: Int32...) {
        self.fds = fds
        self.open = fds.map { _ in true }
        self.data = fds.map { _ in Data() }
    }

    /// Every pipe reached its end.
    public var finished: Bool { !open.contains(true) }

    /// What was read from the descriptor at `index` since the last take, leaving
    /// none of it behind (for a reader that keeps what it reads elsewhere).
    public mutating func take(_ index: Int) -> Data {
        defer { data[index] = Data() }
        return data[index]
    }

    /// Reads what is there, waiting up to `waiting` seconds for something.
    public mutating func read(waiting: Double) {
        var polled = fds.indices.filter { open[$0] }.map { pollfd(fd: fds[$0], events: Int16(POLLIN), revents: 0) }
        guard !polled.isEmpty else {
            usleep(UInt32(waiting * 1e6))
            return
        }
        guard poll(&polled, nfds_t(polled.count), Int32(waiting * 1000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for entry in polled where entry.revents != 0 {
            guard let index = fds.firstIndex(of: entry.fd) else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(entry.fd, $0.baseAddress, $0.count) }
            if count > 0 {
                data[index].append(contentsOf: buffer[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                open[index] = false
            }
        }
    }
}
