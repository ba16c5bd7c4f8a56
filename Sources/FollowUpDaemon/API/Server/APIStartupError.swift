/// Why the API could not start listening: a missing token file, a socket
/// path in use by a running daemon, a directory that cannot be made. The
/// message names the file at fault, for the journal and the admin.
public struct APIStartupError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
