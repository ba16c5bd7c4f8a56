public import FollowUpCore
public import FollowUpFormats

/// A body of the HTTP API, written by the daemon and read by `followupctl`
/// and the tests through the same type, so its member names are spelled once:
/// a renamed member fails to compile on both sides instead of reading as
/// absent at run time.
///
/// Every body is a JSON object. ``writeMembers(to:)`` writes its members into
/// an open object, so a body can also lend its members to another (the
/// status answer carries the health answer's members, a queue a rep's standing).
public protocol WireBody: Sendable, Hashable {
    /// Writes the body's members, in the documented order, into an open object.
    func writeMembers(to w: inout JSONWriter)

    /// Reads the body from an object; errors name the member by its path.
    init(reading object: WireObject) throws(Diagnostic)
}

extension WireBody {
    /// Writes the body as one object: the whole answer, an array element, or member `key`'s value.
    public func write(to w: inout JSONWriter, key: String? = nil) {
        w.beginObject(key)
        writeMembers(to: &w)
        w.endObject()
    }

    /// Reads the body from a parsed answer.
    /// - Throws: ``Diagnostic`` naming the first member that is missing or of the wrong type.
    public init(json: JSONValue) throws(Diagnostic) {
        try self.init(reading: WireObject(json, path: ""))
    }

    /// The body's bytes as the API sends them.
    public var jsonBytes: [UInt8] {
        var w = JSONWriter()
        write(to: &w)
        return w.bytes
    }
}

/// A `Codable` body is written and read by the body coder: each member is
/// declared once, as a stored property, and its name on the wire is the
/// property's name in snake case (``WireBodyEncoder``, ``WireBodyDecoder``).
extension WireBody where Self: Codable {
    public func writeMembers(to w: inout JSONWriter) {
        let encoder = WireBodyEncoder(sink: WireBodyEncoder.Sink(w), key: nil, inline: true)
        w = JSONWriter()
        // Writing cannot fail: every member is a wire value, a body or a list of them.
        try? encode(to: encoder)
        swap(&w, &encoder.sink.writer)
    }

    public init(reading object: WireObject) throws(Diagnostic) {
        do {
            self = try Self(from: WireBodyDecoder(.object(object.object), field: object.path))
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic(field: object.path, message: "\(error)")
        }
    }
}

extension JSONWriter {
    /// Member `key`: an array of bodies, each written whole; the writing twin
    /// of ``WireObject/bodies(_:as:)``.
    mutating func bodies(_ key: String, _ items: [some WireBody]) {
        beginArray(key)
        for item in items { item.write(to: &self) }
        endArray()
    }
}
