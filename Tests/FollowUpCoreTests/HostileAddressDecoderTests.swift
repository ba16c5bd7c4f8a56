import Testing
@testable import FollowUpCore
@testable import FollowUpFormats

/// Email addresses are checked where they enter: one bare addr-spec, nothing
/// an SMTP dialogue or a header could be split on. The first case is the one
/// that made the smtp receiver send an attacker's message.
@Suite struct HostileAddressDecoderTests {
    static let hostile = [
        "r1@x.test>\r\nDATA\r\nSubject: injected\r\n\r\nhi\r\n.\r\nNOOP",
        "r1@x.test\nBcc: evil@y.test",
        "r1@x.test\r",
        "r1@x.test\u{0}",
        "r1@x.test\u{7F}",
        "r1@x.test, evil@y.test",
        "Rep One <r1@x.test>",
        "r1@x.test>",
        "r1 @x.test",
        "r1@",
        "@x.test",
        "r1",
        "r1@x@y.test",
        String(repeating: "a", count: 250) + "@x.test",
    ]

    static func json(_ text: String) -> String {
        var w = JSONWriter()
        w.string(nil, text)
        return w.text
    }

    @Test(arguments: hostile)
    func repEmailIsRejectedNamingTheField(_ address: String) {
        let line = #"{"at":"2026-11-24T20:00:00Z","type":"rep.upserted","rep":{"id":"r1","email":\#(Self.json(address))}}"#
        #expect(throws: Diagnostic.self) { try EventDecoder.decode(line) }
        do { _ = try EventDecoder.decode(line) } catch { #expect(error.field == "rep.email", "\(error)") }
    }

    @Test(arguments: hostile)
    func leadEmailIsRejectedNamingTheField(_ address: String) {
        let line = #"{"at":"2026-11-24T20:00:00Z","type":"lead.captured","lead":{"id":"L1","email":\#(Self.json(address))}}"#
        #expect(throws: Diagnostic.self) { try EventDecoder.decode(line) }
        do { _ = try EventDecoder.decode(line) } catch { #expect(error.field == "lead.email", "\(error)") }
    }

    @Test func ordinaryAddressesStillPass() throws {
        for address in ["alice@example.com", "a.b+tag@sub.example.co.uk", "o'brien@x.test", "müller@bücher.test"] {
            let line = #"{"at":"2026-11-24T20:00:00Z","type":"rep.upserted","rep":{"id":"r1","email":\#(Self.json(address))}}"#
            guard case .repUpserted(let rep) = try EventDecoder.decode(line).body else { Issue.record("not a rep"); return }
            #expect(rep.email == address)
        }
    }

    @Test func importRejectsTheHostileAddressByLineAndColumn() {
        let csv = "id,source,email\nL1,web_form,\"r1@x.test>\r\nDATA\"\nL2,web_form,\"a@x.test,b@y.test\"\n"
        let shown = LeadImport().read(Array(csv.utf8)).problems.map(\.description)
        #expect(shown.contains { $0.hasPrefix("2:3(email): not an email address") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("4:3(email): not an email address") }, "\(shown)")
    }
}
