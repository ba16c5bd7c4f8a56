import FollowUpTestSupport
import Foundation
import Testing

/// How `DaemonProcess` cuts the daemon's stdout into the notification lines
/// tests read: whatever sizes the pipe's reads come in.
@Suite struct OutputLinesTests {
    /// "ë" is two bytes; a read that ends between them must not spoil the
    /// line (a hostile-name test would then see U+FFFD twice, not the name).
    @Test func aCharacterSplitBetweenTwoReadsStaysWhole() {
        var lines = OutputLines()
        let bytes = Data(#"{"name":"Zoë"}"#.utf8 + [0x0A] + "next".utf8)
        let cut = bytes.firstIndex(of: 0xC3)! + 1
        #expect(lines.add(bytes[..<cut]).isEmpty)
        #expect(lines.add(bytes[cut...]) == [#"{"name":"Zoë"}"#])
        #expect(lines.add(Data(" line\n".utf8)) == ["next line"])
    }

    @Test func everyLineOfOneReadAndTheUnfinishedOneLater() {
        var lines = OutputLines()
        #expect(lines.add(Data("a\nb\n\nc".utf8)) == ["a", "b", ""])
        #expect(lines.add(Data()) == [])
        #expect(lines.add(Data("\n".utf8)) == ["c"])
    }
}
