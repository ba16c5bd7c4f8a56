/// Event lines the API tests send, in DESIGN.md's format.
enum Fixtures {
    static let alice = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"alice","name":"Alice","email":"alice@example.com","team":"sales","backup":"bob","timezone":"America/New_York"}}"#
    static let bob = #"{"at":"2026-11-24T19:00:00Z","type":"rep.upserted","rep":{"id":"bob","name":"Bob","team":"sales","backup":"alice"}}"#

    /// A high-priority web lead (5 minutes to the first touch) owned by `owner`.
    static func capture(_ id: String, owner: String = "alice", at time: String = "2026-11-24T20:00:00Z") -> String {
        #"{"at":"\#(time)","type":"lead.captured","lead":{"id":"\#(id)","source":"web_form","name":"Dana","email":"dana@acme.test","phone":"+1 555 0100","company":"Acme","company_size":5000,"need":"current","timezone":"America/New_York","owner":"\#(owner)","crm_ref":"X-9"}}"#
    }

    static func touch(_ lead: String, rep: String = "alice", outcome: String = "no_answer", at time: String) -> String {
        #"{"at":"\#(time)","type":"touch.logged","lead":"\#(lead)","rep":"\#(rep)","channel":"call","outcome":"\#(outcome)"}"#
    }

    static func array(_ events: String...) -> String { "[" + events.joined(separator: ",") + "]" }
}
