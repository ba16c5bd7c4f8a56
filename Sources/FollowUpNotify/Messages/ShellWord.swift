import Foundation

/// A word as a POSIX shell reads it back unchanged: messages carry a
/// copy-paste `followupctl touch log …` line, and a lead id such as
/// `L1;rm -rf ~` or `$(curl …)` must reach followupctl as one argument, not
/// run in the rep's shell.
enum ShellWord {
    /// `word` itself when it has only characters no shell treats specially,
    /// else in single quotes (a quote inside written as `'\''`).
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"), UInt8(ascii: "+"), UInt8(ascii: ","): true
            default: false
            }
        }
        if plain { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
