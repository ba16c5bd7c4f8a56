import FollowUpCore
import FollowUpFormats
import Foundation
import Mustache

/// The admin-editable Mustache templates of email messages (and of the
/// headlines of Slack and Teams messages), read from one
/// directory (`etc/followup/templates`): for each notification kind
/// `KIND.subject.mustache` and `KIND.text.mustache`, plus any partials they
/// include (`{{> lead}}` is `lead.mustache`). Rendering is plain text: no
/// HTML escaping.
///
/// Loading checks every template: a missing or unparsable one is a
/// ``TemplateError`` naming the file (and line and column), at start-up and at
/// `followupd --check-config`.
public struct MessageTemplates: Sendable {
    private let library: MustacheLibrary
    public let directory: String

    /// The files every directory must have.
    public static var requiredNames: [String] {
        NotificationKind.allCases.flatMap { ["\($0.rawValue).subject", "\($0.rawValue).text"] }
    }

    /// Pragma put in front of every template: plain text, no HTML escaping.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"
    /// Pragma put in front of `NAME.json.mustache` (webhook bodies): `{{…}}` JSON-escapes.
    static let jsonPragma = "{{% CONTENT_TYPE: \(JSONStringContent.name)}}"

    /// Reads and checks every `*.mustache` file of `directory`.
    /// - Throws: ``TemplateError`` listing every problem.
    public init(directory: String) throws(TemplateError) {
        self.directory = directory
        var problems: [String] = []
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            throw TemplateError(problems: ["\(directory): error: cannot read the templates directory (\(error.localizedDescription))"])
        }
        MustacheContentTypes.register(JSONStringContent(), named: JSONStringContent.name)
        var library = MustacheLibrary()
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            let name = String(file.dropLast(".mustache".count))
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path): error: cannot read the template as UTF-8 text")
                continue
            }
            let pragma = name.hasSuffix(".json") ? Self.jsonPragma : Self.textPragma
            do {
                library.register(try MustacheTemplate(string: pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma shares line 1 with the file's first line: take its length back off.
                let column = error.context.lineNumber == 1
                    ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
                problems.append("\(path):\(error.context.lineNumber):\(column): error: \(error.error) in the template")
            } catch {
                problems.append("\(path): error: \(error)")
            }
        }
        for name in Self.requiredNames where library.getTemplate(named: name) == nil
            && !problems.contains(where: { $0.hasPrefix((directory as NSString).appendingPathComponent(name + ".mustache")) }) {
            problems.append("\((directory as NSString).appendingPathComponent(name + ".mustache")): error: "
                            + "missing template (every notification kind needs a subject and a text template)")
        }
        guard problems.isEmpty else { throw TemplateError(problems: problems) }
        self.library = library
    }

    /// The subject line and text body of `context`'s message.
    public func render(_ context: MessageContext) -> (subject: String, text: String) {
        let values = context.values
        let text = library.render(values, withTemplate: "\(context.notification.kind.rawValue).text") ?? context.notification.jsonLine
        return (subject(context, values: values), text)
    }

    /// The subject line alone: the headline of a Slack or Teams message.
    public func subject(_ context: MessageContext) -> String {
        subject(context, values: context.values)
    }

    /// The webhook body `NAME.json.mustache` renders for `context`; nil when there is no such template.
    public func body(_ name: String, _ context: MessageContext) -> String? {
        library.render(context.values, withTemplate: "\(name).json")
    }

    /// Whether `NAME.json.mustache` was read.
    public func hasBody(_ name: String) -> Bool {
        library.getTemplate(named: "\(name).json") != nil
    }

    private func subject(_ context: MessageContext, values: [String: Any]) -> String {
        let subject = library.render(values, withTemplate: "\(context.notification.kind.rawValue).subject") ?? context.notification.id
        // A subject is one line: a template's stray newline must not start a header.
        return subject.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Templates that cannot be used, each problem as `FILE[:LINE:COL]: error: …`.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]

    public init(problems: [String]) { self.problems = problems }

    public var description: String { problems.joined(separator: "\n") }
}
