import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who besides the daemon may open a file of secrets (bearer tokens, webhook
/// URLs, webhook HMAC keys, SMTP passwords). A secret every user can read is no
/// secret; whoever may write it can add a token or redirect a channel.
///
/// Accepted: 0600 and stricter, nothing else. A group may not even read it,
/// not even the daemon's own: the daemon cannot tell whether its group is
/// private to it, and under the shipped unit it is not — group `followup` is
/// also the API socket's, so every rep's tool and CRM in it would read the
/// admin tokens (issue 11). systemd/followupd.tmpfiles makes the secret files
/// 0600 owned by the daemon's user.
public enum SecretFileAccess {
    /// Why `path` is too open, or nil when it is fine or cannot be examined
    /// (a missing or unreadable file is reported by whoever reads it).
    public static func problem(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode) & 0o777
        let shown = String(format: "%04o", mode)
        let fix = "chmod 600 it, owned by the daemon's user"
        if mode & 0o007 != 0 {
            return "\(path) can be \(mode & 0o004 != 0 ? "read" : "used") by every user (mode \(shown)): \(fix)"
        }
        if mode & 0o020 != 0 {
            return "\(path) can be written by its group (mode \(shown)): \(fix)"
        }
        if mode & 0o070 != 0 {
            return "\(path) can be read by its group \(info.st_gid) (mode \(shown)): \(fix); "
                + "a group, even the daemon's, may hold whoever uses the API socket (the shipped unit's `followup` does)"
        }
        return nil
    }
}
