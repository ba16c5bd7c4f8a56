import FollowUpFormats

/// A CSV file of leads as `followupctl import` reads it: any bytes must give
/// rows or problems, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    _ = try? CSVReader.records(bytes)
    _ = LeadImport().read(bytes)
    return 0
}
