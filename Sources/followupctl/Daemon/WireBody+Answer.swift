import FollowUpCore
import FollowUpWire

extension WireBody {
    /// Reads the daemon's answer as the API's shared body type; a member that
    /// is missing or of another type is a ``CtlError`` naming it (a daemon of
    /// another version), never a table of dashes.
    init(answer: JSONValue) throws(CtlError) {
        do throws(Diagnostic) {
            try self.init(json: answer)
        } catch {
            throw CtlError("the daemon's answer does not read as \(Self.self): \(error) (is followupd the same version as followupctl?)",
                           field: error.field.isEmpty ? nil : error.field)
        }
    }
}
