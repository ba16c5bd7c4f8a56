/// The short version string of a rule set: the first 8 hex digits of an
/// FNV-1a 64 hash over each file's name and text in load order. Any edit,
/// rename or reordering changes it; the same files anywhere give the same one.
enum RuleFingerprint {
    static func version(of sources: [RuleSource]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        for source in sources {
            mix(source.name.utf8)
            mix([0])  // separators keep ("ab", "c") and ("a", "bc") apart
            mix(source.text.utf8)
            mix([0])
        }
        let hex = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(8))
    }
}
