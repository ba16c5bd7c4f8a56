import CSpawn
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for this test process: `initdb` into a
/// short temporary directory, `pg_ctl start` listening only on a Unix socket
/// there, stopped and removed when the process exits. Each test makes its
/// own database (``makeDatabase()``), so tests run in parallel. A test that
/// stops or restarts PostgreSQL takes a cluster of its own (``own()``), so
/// the others sharing ``shared()`` are not disturbed.
///
/// `initdb` refuses to run as root, and the tests run as root here and in
/// CI: then the cluster runs as the `postgres` user (`runuser`). Without
/// PostgreSQL installed, ``shared`` throws a message saying so: the
/// PostgreSQL tests fail, they do not skip.
public final class PostgresCluster: Sendable {
    /// The directory holding the data, the log and the socket.
    public let directory: String
    /// The role every database belongs to (trust authentication).
    public static let user = "followupd"
    private let count = Atomic<Int>(0)
    private let bin: String
    /// Whether the cluster runs as the `postgres` user (the tests run as root).
    private let asRoot: Bool
    /// Set for a cluster from ``ownServingTLS()``: TCP on 127.0.0.1 with TLS only.
    public let tls: TLSListener?

    /// Where a TLS cluster listens and the CA that signed its certificate (for `localhost`).
    public struct TLSListener: Sendable {
        public let port: Int
        /// PEM: what `sslrootcert=` must name for followupd to trust the server.
        public let caFile: String
    }

    /// The process's cluster, started at first use. Started on a thread of
    /// its own: `initdb` and `pg_ctl` block for a second or two, and tests
    /// waiting on a lazy static instead would hold every thread of Swift's
    /// small cooperative pool (the first run of these tests hung so).
    public static func shared() async throws -> PostgresCluster {
        try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state -> Bool in
                if let result = state.result {
                    continuation.resume(with: result)
                    return false
                }
                state.waiting.append(continuation)
                defer { state.starting = true }
                return !state.starting
            }
            guard start else { return }
            Thread.detachNewThread {
                let result = Result { try PostgresCluster() }
                let waiting = state.withLock { state in
                    state.result = result
                    defer { state.waiting = [] }
                    return state.waiting
                }
                for continuation in waiting { continuation.resume(with: result) }
            }
        }
    }

    /// A new cluster for one test alone (one that restarts PostgreSQL), started
    /// on a thread of its own as ``shared()`` is; ``remove()`` it at the end
    /// (else it goes when the process exits).
    public static func own() async throws -> PostgresCluster {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try PostgresCluster() }) }
        }
    }

    /// A cluster of its own that also listens on 127.0.0.1 (a free port) and
    /// takes only TLS there (`hostssl`; plain TCP is rejected), with a server
    /// certificate for `localhost` signed by a CA made for it (openssl).
    public static func ownServingTLS() async throws -> PostgresCluster {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try PostgresCluster(tls: true) }) }
        }
    }

    private struct StartState: Sendable {
        var result: Result<PostgresCluster, any Error>?
        var starting = false
        var waiting: [CheckedContinuation<PostgresCluster, any Error>] = []
    }

    private static let state = Mutex(StartState())

    private init(tls serveTLS: Bool = false) throws {
        bin = try Self.binaries()
        let asRoot = geteuid() == 0
        Self.stopOrphans(bin: bin, asRoot: asRoot)
        var template = Array("/tmp/fupg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ClusterError("cannot create a temporary directory") }
        directory = String(cString: made)
        // Whose cluster it is: a test process that crashed never ran its exit handler.
        try String(getpid()).write(toFile: directory + "/owner.pid", atomically: true, encoding: .utf8)
        if asRoot {
            // initdb refuses root: the cluster runs as postgres, which must own its directory.
            guard let postgres = getpwnam("postgres") else {
                throw ClusterError("running as root and there is no postgres user to run the cluster as (install postgresql)")
            }
            guard chown(directory, postgres.pointee.pw_uid, postgres.pointee.pw_gid) == 0 else {
                throw ClusterError("cannot give \(directory) to postgres")
            }
        }
        self.asRoot = asRoot
        tls = serveTLS ? TLSListener(port: try freePort(), caFile: directory + "/ca.crt") : nil
        try run("initdb", ["-D", directory + "/data", "-A", "trust", "-U", Self.user, "--no-sync", "-E", "UTF8"], asRoot)
        if serveTLS { try Self.serveTLS(directory, asRoot: asRoot) }
        try start()
        let first = Self.running.withLock { running in
            defer { running.append((directory, bin, asRoot)) }
            return running.isEmpty
        }
        guard first else { return }
        atexit {
            for (directory, bin, asRoot) in PostgresCluster.running.withLock({ $0 }) {
                PostgresCluster.stopAndRemove(directory, bin: bin, asRoot: asRoot)
            }
        }
    }

    /// Starts the server (again, after ``stop()``) and waits until it accepts connections.
    public func start() throws {
        let listen = tls.map { "-c listen_addresses=127.0.0.1 -c port=\($0.port)" } ?? "-c listen_addresses=''"
        try run("pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w",
                           "-o", "-k \(directory) \(listen)", "start"], asRoot)
    }

    /// Makes a CA and a server certificate for `localhost` in `directory`,
    /// turns TLS on and lets TCP clients in with TLS only.
    private static func serveTLS(_ directory: String, asRoot: Bool) throws {
        let openssl = "/usr/bin/openssl"
        func run(_ arguments: [String]) throws {
            let (status, output) = spawn([openssl] + arguments, output: directory + "/openssl.out")
            guard status == 0 else { throw ClusterError("openssl \(arguments.first ?? "") failed: \(output)") }
        }
        let data = directory + "/data"
        try "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n".write(toFile: directory + "/server.ext", atomically: true, encoding: .utf8)
        try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", directory + "/ca.key", "-out", directory + "/ca.crt",
                 "-days", "2", "-subj", "/CN=followupd test CA"])
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", data + "/server.key", "-out", directory + "/server.csr",
                 "-subj", "/CN=localhost"])
        try run(["x509", "-req", "-in", directory + "/server.csr", "-CA", directory + "/ca.crt", "-CAkey", directory + "/ca.key",
                 "-CAcreateserial", "-out", data + "/server.crt", "-days", "2", "-extfile", directory + "/server.ext"])
        // PostgreSQL refuses a key others can read, and reads it as the cluster's user.
        chmod(data + "/server.key", 0o600)
        if asRoot, let postgres = getpwnam("postgres") {
            for file in ["server.key", "server.crt"] { chown(data + "/" + file, postgres.pointee.pw_uid, postgres.pointee.pw_gid) }
        }
        let conf = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        conf.seekToEndOfFile()
        conf.write(Data("\nssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n".utf8))
        try conf.close()
        let hba = data + "/pg_hba.conf"
        let rules = "hostssl all all 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 reject\n"
        try (rules + (try String(contentsOfFile: hba, encoding: .utf8))).write(toFile: hba, atomically: false, encoding: .utf8)
    }

    /// Stops the server the way `systemctl stop postgresql` does (`-m fast`:
    /// every session is ended, the server's data stays) and waits until it is down.
    public func stop() throws {
        try run("pg_ctl", ["-D", directory + "/data", "-w", "-m", "fast", "stop"], asRoot)
    }

    /// Stops the cluster at once and deletes it (a cluster from ``own()``, at the end of its test).
    public func remove() {
        Self.running.withLock { $0.removeAll { $0.0 == directory } }
        Self.stopAndRemove(directory, bin: bin, asRoot: asRoot)
    }

    private static func stopAndRemove(_ directory: String, bin: String, asRoot: Bool) {
        let arguments = ["-D", directory + "/data", "-m", "immediate", "stop"]
        _ = spawn(asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/pg_ctl"] + arguments
                         : [bin + "/pg_ctl"] + arguments, output: directory + "/stop.out")
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops and removes the clusters of test processes that are gone (they
    /// crashed, so their exit handler never ran).
    private static func stopOrphans(bin: String, asRoot: Bool) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("fupg-") {
            let dir = "/tmp/" + name
            guard let text = try? String(contentsOfFile: dir + "/owner.pid", encoding: .utf8),
                  let owner = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  kill(owner, 0) != 0, errno == ESRCH else { continue }
            let arguments = ["-D", dir + "/data", "-m", "immediate", "stop"]
            _ = spawn(asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/pg_ctl"] + arguments
                             : [bin + "/pg_ctl"] + arguments, output: "/tmp/\(name).stop.out")
            try? FileManager.default.removeItem(atPath: dir)
        }
    }

    /// What the exit handler stops (every cluster of the process): it can capture nothing.
    private static let running = Mutex<[(String, String, Bool)]>([])

    /// A new, empty database: its name, and its URL for the store (`postgres://followupd@/NAME?host=DIR`).
    public func makeDatabase() throws -> (name: String, url: String) {
        let name = "t\(getpid())_\(count.add(1, ordering: .relaxed).newValue)"
        _ = try psql("postgres", "CREATE DATABASE \(name)")
        return (name, "postgres://\(Self.user)@/\(name)?host=\(directory)" + (tls.map { "&port=\($0.port)" } ?? ""))
    }

    /// Runs `sql` in database `name` with psql (for what a test does behind the store's back).
    public func psql(_ database: String, _ sql: String) throws -> String {
        let (status, output) = Self.spawn([bin + "/psql", "-h", directory, "-p", String(tls?.port ?? 5432), "-U", Self.user, "-d", database,
                                           "-v", "ON_ERROR_STOP=1", "-At", "-c", sql],
                                          output: directory + "/psql-\(UUID().uuidString).out")
        guard status == 0 else { throw ClusterError("psql \(sql): \(output)") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A psql session on `database` that stays connected, shown in
    /// `pg_stat_activity` as `applicationName`, until the process is
    /// terminated: a node's lease connection, faked (a holder whose process
    /// went away where the database cannot see it yet).
    public func session(_ database: String, applicationName: String) throws -> HeldSession {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin + "/psql")
        process.arguments = ["-h", directory, "-U", Self.user, "-d", database, "-At", "-c", "SELECT pg_sleep(600)"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PGAPPNAME": applicationName]) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return HeldSession(process: process)
    }

    /// A psql session ``session(_:applicationName:)`` keeps open.
    public struct HeldSession: @unchecked Sendable {
        let process: Process
        /// Ends it (its connection closes).
        public func end() { process.terminate() }
    }

    private func run(_ tool: String, _ arguments: [String], _ asRoot: Bool) throws {
        let argv = asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/" + tool] + arguments
                          : [bin + "/" + tool] + arguments
        let (status, output) = Self.spawn(argv, output: directory + "/\(tool).out")
        guard status == 0 else {
            let log = (try? String(contentsOfFile: directory + "/log", encoding: .utf8)) ?? ""
            throw ClusterError("\(tool) failed (\(status)): \(output)\(log)")
        }
    }

    /// Runs `argv` with its output in the file `output`, and no other open
    /// file of the test process, and waits for it with `waitpid`. Not ``Subprocess``: Foundation's `Process` never saw
    /// `runuser … pg_ctl start` exit (it stayed a zombie and the tests hung).
    public static func spawn(_ argv: [String], output: String) -> (status: Int32, output: String) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else of the test process: `pg_ctl start` leaves a postmaster
        // running for the rest of the run, and a pipe end it inherited from a
        // test spawning a program at that moment (Foundation's pipes are not
        // close-on-exec) would keep that program's output, or its stdin, open
        // for ever, and the test waiting for its end with it.
        _ = followupd_spawn_close_from(&actions, 3)
        let arguments = argv.map { strdup($0) } + [nil]
        defer { for a in arguments { free(a) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, arguments, environ) == 0 else {
            return (127, "cannot run \(argv[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output)
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), text)
    }

    /// Debian's PostgreSQL 15, else the first `initdb` on PATH.
    private static func binaries() throws -> String {
        let debian = "/usr/lib/postgresql/15/bin"
        if FileManager.default.isExecutableFile(atPath: debian + "/initdb") { return debian }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") && FileManager.default.isExecutableFile(atPath: "\(dir)/psql") {
            return String(dir)
        }
        throw ClusterError("PostgreSQL is not installed (no initdb in \(debian) or on PATH): run scripts/bootstrap, which installs postgresql")
    }
}

/// Why the test cluster could not start or answer.
public struct ClusterError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = "PostgreSQL test cluster: " + description }
}
