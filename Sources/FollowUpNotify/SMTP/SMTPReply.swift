/// One SMTP reply: a three-digit code and its text lines (a multi-line reply
/// has several: `250-…` then `250 …`).
struct SMTPReply: Sendable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " / ") }
}

/// Why a session ended without sending: a 4xx reply or a network error may
/// pass (retry); a 5xx reply will not (a dead letter).
struct SMTPFailure: Error, Sendable {
    var message: String
    var permanent: Bool

    /// What a reply other than the expected one means.
    static func unexpected(_ reply: SMTPReply, to command: String) -> SMTPFailure {
        SMTPFailure(message: "\(command): relay answered \(reply.code) \(reply.text)", permanent: reply.code >= 500)
    }
}
