import ArgumentParser
import FollowUpCore
import Foundation
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

/// `followupctl backup FILE`: a consistent copy of the running daemon's
/// database (`POST /v1/backup`), written to FILE.
///
/// The daemon takes the copy through SQLite's online backup — a snapshot of
/// its last commit while it goes on writing — and checks it opens before
/// sending it. Here it goes to a temporary file beside FILE, and only a copy
/// that arrived whole and reads as SQLite becomes FILE, so an interrupted
/// backup never leaves a half file under the name an admin would restore.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the running daemon's database to FILE (SQLite's online backup; the daemon keeps running).",
        discussion: """
            Restore by stopping the daemon, putting the copy in place of the database file and starting it \
            (docs/operations.md). Needs the admin scope over TCP. FILE is written with mode 0600: it holds \
            every lead's personal data.
            """)

    @OptionGroup var daemon: DaemonOptions

    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await CtlError.reporting {
            if !force, FileManager.default.fileExists(atPath: file) {
                throw CtlError("\(file) exists; add --force to replace it")
            }
            let partial = "\(file).partial-\(getpid())"
            let descriptor = open(partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw CtlError("cannot create \(partial): \(String(cString: strerror(errno)))") }
            var kept = false
            defer {
                close(descriptor)
                if !kept { unlink(partial) }
            }
            let download = try await DaemonClient.with(try daemon.endpoint()) { client in
                try await client.download("/v1/backup", into: descriptor)
            }
            guard Self.isSQLite(descriptor) else {
                throw CtlError("the daemon's answer is not an SQLite database (\(download.bytes) bytes); nothing written to \(file)")
            }
            guard fsync(descriptor) == 0 else { throw CtlError("cannot flush \(partial): \(String(cString: strerror(errno)))") }
            try Self.place(partial, at: file, replacing: force)
            kept = true
            func header(_ name: String) -> String? { download.headers.first(name: name) }
            func count(_ name: String) -> JSONValue { header(name).flatMap { Int($0) }.map { .number(String($0)) } ?? .null }
            let summary = JSONValue.object([
                "file": .string(file), "leads": count("Followupd-Backup-Leads"), "events": count("Followupd-Backup-Events"),
                "bytes": .number(String(download.bytes)), "schema": header("Followupd-Backup-Schema").map(JSONValue.string) ?? .null,
            ])
            output.print(summary) { _ in
                ["backup \(file): \(header("Followupd-Backup-Leads") ?? "?") leads, \(header("Followupd-Backup-Events") ?? "?") events, "
                    + "\(download.bytes) bytes, schema \(header("Followupd-Backup-Schema") ?? "?")"]
            }
        }
    }

    /// Whether the file starts with SQLite's header string.
    static func isSQLite(_ descriptor: Int32) -> Bool {
        var magic = [UInt8](repeating: 0, count: 16)
        let count = magic.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 16, 0) }
        return count == 16 && magic == Array("SQLite format 3\0".utf8)
    }

    /// Gives the finished copy its name: `link` refuses a FILE that appeared
    /// meanwhile (no overwrite without `--force`), `rename` replaces it.
    static func place(_ partial: String, at file: String, replacing: Bool) throws(CtlError) {
        if replacing {
            guard rename(partial, file) == 0 else { throw CtlError("cannot rename \(partial) to \(file): \(String(cString: strerror(errno)))") }
            return
        }
        guard link(partial, file) == 0 else {
            if errno == EEXIST { throw CtlError("\(file) exists; add --force to replace it") }
            throw CtlError("cannot write \(file): \(String(cString: strerror(errno)))")
        }
        unlink(partial)
    }
}
