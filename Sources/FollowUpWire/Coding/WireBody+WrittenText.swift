import FollowUpCore
import FollowUpFormats

extension WireBody {
    /// Member `name` as the API writes it (a number's digits, a string's
    /// text); nil for `null`, an object or array, or a name the body does not
    /// write. For readers that pick members by name (a report's table
    /// columns and CSV headers), so a member's text is the one the wire
    /// carries, not a second rendering of it.
    public func writtenText(of name: String) -> String? {
        let bytes = jsonBytes
        let value = try? bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
        switch value?[name] {
        case .number(let text), .string(let text): return text
        default: return nil
        }
    }
}
