#if canImport(Glibc)
import Glibc
#endif
import FollowUpStore
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

extension APIEndpoints {
    /// `POST /v1/backup`: the database as an SQLite file (`application/vnd.sqlite3`),
    /// copied through SQLite's online backup while the daemon runs on. What the
    /// copy holds (checked by opening it) is in the `Followupd-Backup-*` headers.
    func backup(_ request: Request) async throws -> Response {
        guard let backups else { throw APIError(status: .notFound, message: "this daemon cannot take backups") }
        for (name, _) in request.uri.queryParameters {
            throw APIError(status: .badRequest, message: "unknown query parameter (this endpoint takes none)", field: String(name))
        }
        let copy: BackupCopy
        do {
            copy = try await backups.copy()
        } catch {
            logger.error("backup failed", metadata: ["error": .string(String(describing: error))])
            throw APIError(status: .internalServerError, message: "backup failed: \(error)")
        }
        let summary = copy.summary
        logger.notice("backup taken: \(summary.leads) leads, \(summary.events) events, \(summary.bytes) bytes, schema \(summary.schema)")
        var headers = HTTPFields()
        headers[.contentType] = "application/vnd.sqlite3"
        headers[.contentDisposition] = "attachment; filename=\"followupd.sqlite\""
        headers[Self.leadsHeader] = String(summary.leads)
        headers[Self.eventsHeader] = String(summary.events)
        headers[Self.schemaHeader] = summary.schema
        let descriptor = copy.descriptor
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: summary.bytes) { writer in
            defer { close(descriptor) }
            // Plain reads of a local file, 1 MiB at a time: each is short, and the
            // client's pace (not the disk's) sets how long the answer takes.
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw APIError(status: .internalServerError, message: "reading the copy failed")
                }
                if count == 0 { break }
                try await writer.write(ByteBuffer(bytes: buffer[..<count]))
            }
            try await writer.finish(nil)
        })
    }

    static let leadsHeader = HTTPField.Name("Followupd-Backup-Leads")!
    static let eventsHeader = HTTPField.Name("Followupd-Backup-Events")!
    static let schemaHeader = HTTPField.Name("Followupd-Backup-Schema")!
}
