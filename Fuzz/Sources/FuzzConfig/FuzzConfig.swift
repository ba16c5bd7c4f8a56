import FollowUpRules

/// `followupd.yaml` as the daemon reads it: any text must load or be refused
/// with problems, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    _ = try? DaemonConfig.parse(text, file: "followupd.yaml")
    return 0
}
