import FollowUpCore
import FollowUpFormats
import FollowUpWire

/// An event a lead's owner sends about it (`lead.accepted`, `lead.declined`):
/// `rep` defaults to the owner the daemon knows. Prints what was accepted.
enum OwnerEvent {
    static func send(_ type: String, lead: String, rep: String?, reason: String? = nil,
                     daemon: DaemonOptions, output: OutputOptions) async throws {
        try await CtlError.reporting {
            let reply = try await DaemonClient.with(try daemon.endpoint()) { client in
                let who = if let rep { rep } else { try await LeadOwnerLookup.owner(of: lead, with: client) }
                var w = JSONWriter()
                w.beginObject()
                w.string("type", type)
                w.string("lead", lead)
                w.string("rep", who)
                if let reason { w.string("reason", reason) }
                w.endObject()
                return try await client.post("/v1/events", json: w.bytes)
            }
            try output.print(reply, as: AcceptedEventsBody.self, table: AcceptedEvents.lines)
        }
    }
}
