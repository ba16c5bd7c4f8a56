import Testing
@testable import FollowUpCore

/// The zone catalog keeps only real zones: made-up names from input must not
/// grow it, and names no zone has are not even looked up.
@Suite struct ZoneCatalogTests {
    @Test func unknownNamesAreNotKept() {
        let catalog = ZoneCatalog()
        #expect(catalog.rules(for: "America/New_York") != nil)
        for n in 0..<200 { #expect(catalog.rules(for: "Mars/Olympus_\(n)") == nil) }
        #expect(catalog.cachedCount == 1)
    }

    @Test(arguments: ["../../etc/passwd", "America/New_York\n", String(repeating: "A", count: 65), "UTC;rm", ""])
    func namesNoZoneHasAreRefusedWithoutALookup(_ name: String) {
        #expect(!ZoneCatalog.couldBeZoneName(name) || name.isEmpty)
        #expect(ZoneCatalog().rules(for: name) == nil)
    }

    @Test(arguments: ["America/Argentina/Buenos_Aires", "Etc/GMT+5", "Europe/Paris", "UTC"])
    func realNamesStillResolve(_ name: String) {
        #expect(ZoneCatalog.couldBeZoneName(name))
        #expect(ZoneCatalog().rules(for: name) != nil)
    }
}
