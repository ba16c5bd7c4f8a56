import FollowUpCore
import FollowUpWire

/// Who answers for a lead when a command leaves `--rep` out: its owner, as the
/// daemon holds it now (`GET /v1/leads/{id}`). Accepting or declining is the
/// owner's act, so the owner is the rep a command means by default.
enum LeadOwnerLookup {
    static func owner(of lead: String, with client: DaemonClient) async throws(CtlError) -> String {
        let record: JSONValue
        do throws(CtlError) {
            record = try await client.get("/v1/leads/\(URIComponent.encode(lead))")
        } catch var error where error.status == 404 {
            // The lead argument is what the daemon did not know: name it as the event's refusal would.
            error.field = "lead"
            throw error
        }
        guard let owner = try LeadRecordBody(answer: record).lead.owner else {
            throw CtlError("lead \"\(lead)\" has no owner; name the rep with --rep", field: "rep")
        }
        return owner
    }
}
