import ArgumentParser

/// A failure followupctl reports as `followupctl: <message> (field: x)` and exit status 1:
/// the daemon's JSON errors, an unreachable daemon, bad input.
struct CtlError: Error, CustomStringConvertible {
    var message: String
    /// The field or query parameter at fault, when the daemon named one.
    var field: String?
    /// The event's position in the array the daemon was sent, when it named one.
    var index: Int?
    /// The daemon's HTTP status, when the daemon answered (nil: it was never reached, or the input was bad).
    var status: Int?

    init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    /// `followupctl: unknown lead "L9" (field: lead)`.
    var description: String {
        "followupctl: \(message)" + (field.map { " (field: \($0))" } ?? "")
    }

    /// Runs a command's body, printing a ``CtlError`` the documented way and exiting 1.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as CtlError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
