import Foundation

/// The `lead_url` template of the delivery config made a link for one lead:
/// `{lead}` replaced by the lead's id, percent-encoded so an id such as
/// `L1?x=<b>` can neither leave the path nor smuggle markup into a message.
public struct LeadLink: Sendable, Hashable {
    public let template: String

    public init(template: String) { self.template = template }

    /// The link to `lead`.
    public func url(for lead: String) -> String {
        template.replacingOccurrences(of: "{lead}", with: Self.encoded(lead))
    }

    /// Every byte but the unreserved ones (RFC 3986: letters, digits, `-._~`) as `%XX`:
    /// safe in a path segment and in a query value (the dashboard's links use it too).
    public static func encoded(_ id: String) -> String {
        var out = ""
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
