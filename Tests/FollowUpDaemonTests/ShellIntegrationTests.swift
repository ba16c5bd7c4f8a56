import FollowUpTestSupport
import Foundation
import Testing

/// Shell completions and man pages for both binaries (issue 15): what
/// scripts/install puts where shells and `man` look, generated from the real
/// command tree, and the shipped pages kept in step with the commands.
@Suite struct ShellIntegrationTests {
    static let root = DaemonProcess.root
    static var binaries: String { URL(fileURLWithPath: DaemonProcess.binary).deletingLastPathComponent().path }

    /// ArgumentParser's own description of `tool`'s command tree.
    static func commandTree(_ tool: String) throws -> [String: Any] {
        let dump = try Subprocess.run("\(binaries)/\(tool)", ["--experimental-dump-help"], directory: nil)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        return try #require(json["command"] as? [String: Any])
    }

    /// Every subcommand name of `tool`, at every depth (not `help`).
    static func commandNames(_ tool: String) throws -> [String] {
        func names(_ command: [String: Any]) -> [String] {
            let subcommands = command["subcommands"] as? [[String: Any]] ?? []
            return subcommands.flatMap { sub in [sub["commandName"] as? String ?? "?"] + names(sub) }
        }
        return names(try commandTree(tool)).filter { $0 != "help" }
    }

    /// Every long option name of `tool` and its subcommands (`url`, `force`, …), hidden ones left out.
    static func optionNames(_ tool: String) throws -> Set<String> {
        func names(_ command: [String: Any]) -> [String] {
            let shown = (command["arguments"] as? [[String: Any]] ?? []).filter { $0["shouldDisplay"] as? Bool != false }
            let own = shown.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            }
            return own + (command["subcommands"] as? [[String: Any]] ?? []).flatMap(names)
        }
        return Set(names(try commandTree(tool)))
    }

    @Test(arguments: ["followupd", "followupctl"])
    func theInstallLaysOutCompletionsAndManPagesThatParse(tool: String) throws {
        let destdir = FileManager.default.temporaryDirectory.appendingPathComponent("followupd-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: destdir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: destdir) }
        let install = try Subprocess.run("/usr/bin/env", ["DESTDIR=\(destdir.path)", "PREFIX=/usr/local", "scripts/install",
                                                          "--binaries", Self.binaries], directory: Self.root.path)
        #expect(install.status == 0, "\(install.stderr)")
        let share = destdir.appendingPathComponent("usr/local/share").path

        let bash = "\(share)/bash-completion/completions/\(tool)"
        let checked = try Subprocess.run("/bin/bash", ["-n", bash], directory: nil)
        #expect(checked.status == 0, "bash -n \(bash): \(checked.stderr)")
        // Sourced, it registers a completion for the command.
        let registered = try Subprocess.run("/bin/bash", ["-c", "source \(bash) && complete -p \(tool)"], directory: nil)
        #expect(registered.status == 0 && registered.stdout.contains(tool), "\(registered.stdout)\(registered.stderr)")
        for path in ["zsh/site-functions/_\(tool)", "fish/vendor_completions.d/\(tool).fish"] {
            let text = try String(contentsOfFile: "\(share)/\(path)", encoding: .utf8)
            #expect(text.contains(tool), "\(path)")
        }
        let bashText = try String(contentsOfFile: bash, encoding: .utf8)
        for name in try Self.commandNames(tool) { #expect(bashText.contains(name), "the bash completion lacks \(name)") }

        let page = "\(share)/man/man1/\(tool).1"
        let groff = try Subprocess.run("/usr/bin/groff", ["-mdoc", "-z", "-ww", page], directory: nil)
        #expect(groff.status == 0 && groff.stderr.isEmpty, "groff: \(groff.stderr)")
    }

    /// The pages are generated (scripts/manpages) and committed; a command
    /// added without regenerating them fails here.
    @Test(arguments: ["followupd", "followupctl"])
    func theShippedManPageNamesEveryCommandAndOption(tool: String) throws {
        let page = try String(contentsOf: Self.root.appendingPathComponent("man/\(tool).1"), encoding: .utf8)
        for name in try Self.commandNames(tool) {
            #expect(page.contains(".It Em \(name)\n"), "man/\(tool).1 lacks \(name): run scripts/manpages")
        }
        let options = try Self.optionNames(tool)
        #expect(options.contains("version"))
        let items = page.split(separator: "\n").filter { $0.hasPrefix(".It Fl ") }
        for option in options {
            #expect(items.contains { $0.hasSuffix(" -\(option)") || $0.contains(" -\(option) ") }, "man/\(tool).1 lacks --\(option): run scripts/manpages")
        }
    }
}
