// TEMPORARY STUB — delete at merge. The real `DaemonConfig.load(path:)` (with
// FILE:LINE:COL errors and full validation) is being written on another
// branch; this only reads the keys followupctl needs so the API work can be
// built and tried before it lands. Same signature, so callers do not change.
import Foundation
import Yams

extension DaemonConfig {
    /// Reads `followupd.yaml` (TEMPORARY: only `listen`, `token_file`, `database`
    /// and `rules`; everything else is ignored and left at its default).
    public static func load(path: String) throws -> DaemonConfig {
        guard let text = FileManager.default.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw TemporaryConfigError(description: "\(path): cannot read the file (missing or not readable)")
        }
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw TemporaryConfigError(description: "\(path): expected a mapping at the top level")
        }
        var listen: [ListenAddress] = []
        let listed: [Any] = (root["listen"] as? [Any]) ?? (root["listen"].map { [$0] } ?? ["unix:/run/followup/api.sock"])
        for item in listed {
            guard let text = item as? String, let address = ListenAddress(parsing: text) else {
                throw TemporaryConfigError(description: "\(path): listen: \"\(item)\" is not unix:PATH or HOST:PORT")
            }
            listen.append(address)
        }
        var config = DaemonConfig(database: root["database"] as? String ?? "/var/lib/followup/followupd.sqlite",
                                  rules: root["rules"] as? String ?? "/etc/followup/rules.d", listen: listen, file: path)
        config.tokenFile = root["token_file"] as? String
        return config
    }
}

/// TEMPORARY: what the stub loader throws.
struct TemporaryConfigError: Error, CustomStringConvertible {
    var description: String
}
