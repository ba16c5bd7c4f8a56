public import FollowUpCore
public import FollowUpNotify
public import FollowUpRules

/// The config's receivers made real: one ``Notifier`` each, with the
/// templates loaded and the secret files (and chat webhook URLs) read. Built at start-up and by
/// `followupd --check-config`, so a missing secret or a broken template is
/// reported before the daemon runs.
public enum ReceiverSet {
    /// - Throws: ``ReceiverSetupError`` listing every problem, each naming its file.
    public static func make(_ config: DaemonConfig, contexts: any MessageContextSource) throws(ReceiverSetupError) -> [any Notifier] {
        var problems: [String] = []
        var templates: MessageTemplates?
        if config.receivers.contains(where: \.rendersTemplates) {
            do {
                templates = try MessageTemplates(directory: config.delivery.templates)
            } catch {
                problems += error.problems
            }
        }
        let link = config.delivery.leadURL.map(LeadLink.init(template:))
        var notifiers: [any Notifier] = []
        for receiver in config.receivers {
            do {
                switch receiver.settings {
                case .log(let s):
                    notifiers.append(LogReceiver(name: receiver.name, standardError: s.stream == .stderr))
                case .webhook(let s):
                    var bodyTemplate: WebhookBodyTemplate?
                    if let name = s.bodyTemplate {
                        guard let templates else { continue }
                        do {
                            bodyTemplate = try WebhookBodyTemplate(templates: templates, name: name, contexts: contexts, link: link)
                        } catch {
                            problems += error.problems
                            continue
                        }
                    }
                    notifiers.append(try WebhookReceiver(name: receiver.name, settings: s, inFlight: receiver.inFlight,
                                                         bodyTemplate: bodyTemplate))
                case .smtp(let s):
                    guard let templates else { continue }
                    let composer = EmailComposer(templates: templates, contexts: contexts, settings: s.email, link: link)
                    notifiers.append(try SMTPReceiver(name: receiver.name, settings: s, composer: composer))
                case .sendmail(let s):
                    guard let templates else { continue }
                    let composer = EmailComposer(templates: templates, contexts: contexts, settings: s.email, link: link)
                    notifiers.append(SendmailReceiver(name: receiver.name, settings: s, composer: composer))
                case .exec(let s):
                    notifiers.append(ExecReceiver(name: receiver.name, settings: s))
                case .slack(let s), .teams(let s):
                    guard let templates else { continue }
                    let service: ChatReceiver.Service = receiver.kind == .slack ? .slack : .teams
                    let composer = ChatComposer(templates: templates, contexts: contexts, link: link)
                    notifiers.append(try ChatReceiver(name: receiver.name, service: service, settings: s,
                                                      inFlight: receiver.inFlight, composer: composer))
                }
            } catch {
                problems.append("\(config.file): error: receiver \"\(receiver.name)\": \(error)")
            }
        }
        guard problems.isEmpty else { throw ReceiverSetupError(problems: problems) }
        return notifiers
    }

    /// Routing as the store applies it when a notification is minted.
    public static func routes(_ config: DaemonConfig) -> NotificationRoutes {
        NotificationRoutes(routes: config.delivery.routes, everyReceiver: config.receivers.map(\.name))
    }
}

/// Receivers that cannot be built, each problem naming its file.
public struct ReceiverSetupError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}
