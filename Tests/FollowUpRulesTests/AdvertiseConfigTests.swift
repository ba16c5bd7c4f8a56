import FollowUpRules
import Testing

/// `advertise:`: where the other nodes reach this one's API while it leads (issue 14).
struct AdvertiseConfigTests {
    @Test(arguments: [
        ("http://10.0.0.5:8787", ListenAddress.tcp(host: "10.0.0.5", port: 8787)),
        ("http://db1.internal:8787/", .tcp(host: "db1.internal", port: 8787)),
        ("http://[::1]:8787", .tcp(host: "::1", port: 8787)),
        ("unix:/run/followupd/api.sock", .unix(path: "/run/followupd/api.sock")),
    ])
    func anAddressIsReadAndWrittenBack(text: String, address: ListenAddress) throws {
        let config = try DaemonConfig.parse("advertise: \(text)\n", file: "followupd.yaml")
        #expect(config.advertise == address)
        #expect(ListenAddress(advertised: address.advertised) == address)
    }

    @Test func noAdvertiseIsNoAddress() throws {
        #expect(try DaemonConfig.parse("durability: normal\n", file: "followupd.yaml").advertise == nil)
    }

    @Test(arguments: ["10.0.0.5:8787", "https://10.0.0.5:8787", "http://10.0.0.5", "http://10.0.0.5:8787/api",
                      "http://user@10.0.0.5:8787", "unix:"])
    func aMalformedAddressIsRefusedAtItsPlace(text: String) {
        let problems = DaemonConfig.problems(in: "durability: normal\nadvertise: \"\(text)\"\n")
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("followupd.yaml:2:12: error: `advertise` \"\(text)\" is neither http://HOST:PORT nor unix:PATH") == true,
                "\(problems)")
    }
}
