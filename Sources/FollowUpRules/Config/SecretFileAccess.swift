import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who besides the daemon may open a file of secrets (bearer tokens, webhook
/// URLs, webhook HMAC keys, SMTP passwords). A secret every user can read is no secret; a group other than the
/// daemon's may hold reps and CRMs that must not see it; whoever may write it
/// can add a token or redirect a channel.
///
/// Accepted: 0600 (and stricter), and 0640 with the daemon's own group, for a
/// group private to the daemon. The shipped unit's group is also the API
/// socket's, so systemd/followupd.tmpfiles makes the secret files 0600 owned
/// by the daemon's user instead.
public enum SecretFileAccess {
    /// Why `path` is too open, or nil when it is fine or cannot be examined
    /// (a missing or unreadable file is reported by whoever reads it).
    /// - Parameter group: the daemon's group id (its effective group by default).
    public static func problem(_ path: String, group: UInt32? = nil) -> String? {
        let group = group ?? UInt32(getegid())
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode) & 0o777
        let shown = String(format: "%04o", mode)
        if mode & 0o007 != 0 {
            return "\(path) can be \(mode & 0o004 != 0 ? "read" : "used") by every user (mode \(shown)): chmod 600 it (or 640 with the daemon's group)"
        }
        if mode & 0o020 != 0 {
            return "\(path) can be written by its group (mode \(shown)): chmod 600 it (or 640 with the daemon's group)"
        }
        if mode & 0o070 != 0, info.st_gid != group {
            return "\(path) can be read by group \(info.st_gid), not the daemon's group \(group) (mode \(shown)): "
                + "chmod 600 it, or chgrp it to the daemon's group"
        }
        return nil
    }
}
