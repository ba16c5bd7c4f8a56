import Foundation
import Testing
import FollowUpCore
import FollowUpStore

/// Files the store must refuse, each with a message that names the file.
@Suite struct OpeningTests {
    func openingFails(_ path: String) -> StoreFileError? {
        do {
            _ = try SQLiteLeadStore(path: path, receivers: testReceivers)
            return nil
        } catch let error as StoreFileError {
            return error
        } catch {
            Issue.record("expected a StoreFileError, got \(error)")
            return nil
        }
    }

    @Test func aFileThatIsNotADatabase() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("notes.txt")
        try String(repeating: "this is not a database\n", count: 100).write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(openingFails(path))
        #expect(error.reason == .notADatabase)
        #expect(error.description.hasPrefix(path + ": not an SQLite database"))
    }

    @Test func anotherProgramsDatabase() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("other.sqlite")
        try RawSQL.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)", onFileAt: path)
        let error = try #require(openingFails(path))
        #expect(error.reason == .foreignDatabase)
        #expect(error.description.contains(path))
        #expect(try RawSQL.strings("SELECT name FROM sqlite_master WHERE type = 'table'", onFileAt: path) == ["photos"])
    }

    @Test func aFileFromANewerFollowupd() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        _ = try SQLiteLeadStore(path: path, receivers: testReceivers)
        try RawSQL.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v9')", onFileAt: path)
        let error = try #require(openingFails(path))
        #expect(error.reason == .newerThanCode(migrations: ["v9"]))
        #expect(error.description.contains("\(path): written by a newer followupd"))
    }

    @Test func aMissingDirectory() throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("nowhere/state.sqlite")
        let error = try #require(openingFails(path))
        #expect(error.reason == .missingDirectory)
        #expect(!FileManager.default.fileExists(atPath: dir.path("nowhere")))
    }

    @Test func anEmptyFileBecomesAStore() async throws {
        let dir = try TempDirectory()
        defer { dir.remove() }
        let path = dir.path("state.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteLeadStore(path: path, durability: .full, receivers: testReceivers)
        #expect(try await store.statistics().events == 0)
        #expect(try await store.lastAppliedAt() == nil)
        #expect(try await store.nextTimer() == nil)
    }
}
