import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with bytes on its stdin and waits for it, with a timeout
/// (the program and everything it started are killed when it passes). What it
/// printed on stderr is kept for the error message; stdout is discarded.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`, to give the
/// program a clean start: the daemon ignores SIGPIPE (SwiftNIO) and an
/// ignored signal survives `exec`, so a script's `producer | head -1` would
/// see EPIPE errors instead of the usual quiet end. Here the child gets the
/// default action for the signals below and an empty signal mask, and runs in
/// its own process group, so a timeout kills its children too.
struct ChildProcess {
    /// How the run ended.
    enum Ending: Sendable {
        case exited(Int32, stderr: String)
        case signalled(Int32, stderr: String)
        case timedOut
        case failedToStart(String)
    }

    /// Signals a child starts with at their default action, whatever the daemon does with them.
    static let defaultSignals: [Int32] = [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGXFSZ]

    /// - Parameter environment: `NAME=value` strings, the child's whole environment (``ChildEnvironment``).
    static func run(_ command: [String], input: [UInt8], environment: [String], timeout: Duration) async -> Ending {
        guard let program = command.first else { return .failedToStart("empty command") }
        // stdin is a socket pair, not a pipe: writing to a program that exited
        // without reading must fail that write (MSG_NOSIGNAL), not raise SIGPIPE.
        var stdinEnds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stdinEnds) == 0 else {
            return .failedToStart("cannot make a socket pair for \(program)'s stdin: \(String(cString: strerror(errno)))")
        }
        // stderr too (glibc's pipe2 is not imported): made close-on-exec atomically, so a
        // program spawned meanwhile by another delivery cannot inherit it and hold it open.
        var stderrEnds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &stderrEnds) == 0 else {
            let why = String(cString: strerror(errno))
            stdinEnds.forEach { close($0) }
            return .failedToStart("cannot make a socket pair for \(program)'s stderr: \(why)")
        }
        let spawned = spawn(command, environment: environment, stdin: stdinEnds[1], stderr: stderrEnds[1])
        close(stdinEnds[1])
        close(stderrEnds[1])
        let pid: pid_t
        switch spawned {
        case .success(let child): pid = child
        case .failure(let why):
            close(stdinEnds[0])
            close(stderrEnds[0])
            return .failedToStart("cannot run \(program): \(why.message)")
        }
        let state = ChildState()
        // Feed stdin, drain stderr and wait for the exit off the cooperative pool: all three block.
        let ours = stdinEnds[0]
        Thread {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let n = send(ours, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
                }
            }
            close(ours)
        }.start()
        let errors = stderrEnds[0]
        let draining = Thread {
            var kept: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4_096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(errors, $0.baseAddress, $0.count) }
                if n > 0 {
                    if kept.count < 2_000 { kept += buffer[0..<min(n, 2_000 - kept.count)] }
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            close(errors)
            state.setErrorText(String(decoding: kept, as: UTF8.self))
        }
        draining.start()
        Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            state.exited(status: status)
        }.start()
        let killer = Task {
            try await Task.sleep(for: timeout)
            state.timedOut()
            // The whole process group: a shell's children must not outlive it.
            kill(-pid, SIGKILL)
        }
        let status = await state.waitForExit()
        killer.cancel()
        // stderr closes when the program (and what it started) exits; give the drain a moment.
        for _ in 0..<50 where !draining.isFinished { try? await Task.sleep(for: .milliseconds(2)) }
        let text = state.errorText.trimmingCharacters(in: .whitespacesAndNewlines)
        if state.didTimeOut { return .timedOut }
        // <sys/wait.h>'s macros, which Swift does not import.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF, stderr: text) : .signalled(signal, stderr: text)
    }

    /// Why `posix_spawn` failed.
    struct SpawnError: Error {
        var message: String
    }

    /// Starts `command[0]` (an absolute path) with `stdin` and `stderr` as
    /// its fds 0 and 2, /dev/null as 1, no other descriptor, and only `environment`.
    private static func spawn(_ command: [String], environment: [String], stdin: Int32, stderr: Int32) -> Result<pid_t, SpawnError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Nothing else the daemon has open: a descriptor some library opened
        // without close-on-exec (a listening socket, a database file) would
        // otherwise live as long as the script and whatever it left running.
        _ = followupd_spawn_close_from(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultSignals { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        guard code == 0 else { return .failure(SpawnError(message: String(cString: strerror(code)))) }
        return .success(pid)
    }
}

/// What the termination handler, the pipe threads and the waiter share.
private final class ChildState: Sendable {
    private struct Fields {
        var status: Int32?
        var waiter: CheckedContinuation<Int32, Never>?
        var errorText = ""
        var timedOut = false
    }

    private let fields = Mutex(Fields())

    /// The program ended with `status` (as `waitpid` gives it).
    func exited(status: Int32) {
        let waiter = fields.withLock { f -> CheckedContinuation<Int32, Never>? in
            f.status = status
            defer { f.waiter = nil }
            return f.waiter
        }
        waiter?.resume(returning: status)
    }

    /// The `waitpid` status, once the program ended.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { (c: CheckedContinuation<Int32, Never>) in
            let already = fields.withLock { f -> Int32? in
                if let status = f.status { return status }
                f.waiter = c
                return nil
            }
            if let already { c.resume(returning: already) }
        }
    }

    func setErrorText(_ text: String) { fields.withLock { $0.errorText = text } }
    var errorText: String { fields.withLock { $0.errorText } }
    func timedOut() { fields.withLock { $0.timedOut = true } }
    var didTimeOut: Bool { fields.withLock { $0.timedOut } }
}
