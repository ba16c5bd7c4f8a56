import Foundation
import FollowUpTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard laid out by a real browser (headless chromium) at a phone's
/// width (390 × 844) and a desktop's (1280 × 900): nothing scrolls sideways
/// and the overdue table fits the screen, with long lead ids, names and
/// companies. Layout checks, not pixel comparisons; screenshots are taken
/// (and checked to be PNGs) so a person can look at them in the test directory.
@Suite(.serialized) struct DashboardLayoutTests {
    static let chromium = "/usr/bin/chromium"

    /// The page is fetched into a same-origin `srcdoc` frame of the given
    /// width (chromium runs with web security off, for this file only), so a
    /// script outside the page, which itself runs none, can measure it.
    static let measure = """
        <!DOCTYPE html><html><body style="margin:0">
        <iframe id="f" style="border:0;height:844px"></iframe><pre id="out">pending</pre>
        <script>
        const p = new URLSearchParams(location.search), f = document.getElementById('f'), out = document.getElementById('out');
        f.style.width = p.get('w') + 'px';
        f.onload = () => { try {
          const d = f.contentDocument, w = f.contentWindow, t = d.querySelector('#overdue table');
          out.textContent = 'LAYOUT scrollWidth=' + d.documentElement.scrollWidth + ' innerWidth=' + w.innerWidth
            + ' overdueRight=' + (t ? Math.ceil(t.getBoundingClientRect().right) : -1)
            + ' rows=' + d.querySelectorAll('#overdue tbody tr').length + ' END';
        } catch (e) { out.textContent = 'ERROR ' + e; } };
        fetch(p.get('url')).then(r => r.text()).then(h => { f.srcdoc = h; }).catch(e => { out.textContent = 'ERROR ' + e; });
        </script></body></html>
        """

    /// Fails, not skips, without chromium: scripts/test installs it through scripts/bootstrap.
    @Test func theOverdueTableFitsAPhoneAndADesktop() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.chromium),
                     "chromium is missing (\(Self.chromium)): scripts/bootstrap installs it; the layout checks need a real browser")
        let readToken = "layout-read-token"
        let daemon = try DaemonProcess(clockStart: "2026-12-08T14:00:00Z", tcp: true) { daemon in
            try "admin \(DaemonProcess.token)\nread \(readToken)\n".write(toFile: daemon.tokenFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: daemon.tokenFile)
        }
        defer { _ = daemon.signal(SIGTERM) }
        var events = [#"{"type":"rep.upserted","rep":{"id":"alice","name":"Alice Smith-Longname","email":"a@x.test","team":"sales"}}"#,
                      #"{"type":"rep.upserted","rep":{"id":"bob","email":"b@x.test","team":"sales"}}"#]
        for i in 0..<30 {
            events.append(#"{"type":"lead.captured","lead":{"id":"LEAD-\#(i)-with-a-rather-long-identifier-that-never-breaks","source":"web_form","#
                          + #""name":"Dana Extraordinarily-Long-Surname \#(i)","company":"Acme International Holdings Incorporated","#
                          + #""email":"d\#(i)@acme.test","owner":"\#(i % 2 == 0 ? "alice" : "bob")"}}"#)
        }
        let posted = try daemon.post("/v1/events", "[" + events.joined(separator: ",") + "]")
        #expect(posted.status == 200, "\(posted.body)")
        try daemon.advance(to: "2026-12-08T20:00:00Z")

        let url = "\(try daemon.tcpBaseURL)/dashboard?token=\(readToken)"
        let wrapper = daemon.directory.appendingPathComponent("measure.html")
        try Self.measure.write(to: wrapper, atomically: true, encoding: .utf8)
        let encoded = url.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? url
        for (width, height) in [(390, 844), (1280, 900)] {
            let profile = daemon.directory.appendingPathComponent("chromium-\(width)").path
            let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                          "--hide-scrollbars", "--window-size=\(width),\(height)", "--virtual-time-budget=5000"]
            let shot = daemon.directory.appendingPathComponent("dashboard-\(width).png")
            let screenshot = try Subprocess.run(Self.chromium, common + ["--screenshot=\(shot.path)", url], directory: nil)
            #expect(screenshot.status == 0, "\(screenshot.stderr)")
            let png = try Data(contentsOf: shot)
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a screenshot at \(width) px: \(shot.path)")

            let run = try Subprocess.run(Self.chromium, common + ["--disable-web-security", "--dump-dom",
                                                                  "file://\(wrapper.path)?w=\(width)&url=\(encoded)"], directory: nil)
            let line = run.stdout.components(separatedBy: "LAYOUT ").dropFirst().first?.components(separatedBy: " END").first ?? ""
            let figures = Dictionary(uniqueKeysWithValues: line.split(separator: " ").compactMap { pair -> (String, Int)? in
                let parts = pair.split(separator: "=")
                return parts.count == 2 ? (String(parts[0]), Int(parts[1]) ?? -1) : nil
            })
            let inner = try #require(figures["innerWidth"], "no layout figures at \(width) px: \(run.stdout.suffix(300)) \(run.stderr.suffix(500))")
            #expect(inner == width)
            #expect(figures["scrollWidth"].map { $0 <= inner } == true, "the page scrolls sideways at \(width) px: \(line)")
            #expect(figures["overdueRight"].map { $0 > 0 && $0 <= inner } == true, "the overdue table overflows at \(width) px: \(line)")
            #expect(figures["rows"] == 30, "\(line)")
        }
    }
}
