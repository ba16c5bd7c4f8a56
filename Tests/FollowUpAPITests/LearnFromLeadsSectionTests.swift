import FollowUpCore
@testable import FollowUpReports
import Foundation
@testable import FollowUpDaemon
import FollowUpTestSupport
import Testing

/// The dashboard's two "learn from leads" cards as HTML fragments (issue 15):
/// the ROI table and the connect-rate heat map. Text from events (source
/// names) is escaped; nothing divides by zero.
@Suite struct LearnFromLeadsSectionTests {
    @Test func theROITableShowsMoneyAndDashesWhereNothingDivides() {
        let html = SourceReturnSection(sources: [
            SourceConversion(source: "web_form", leads: 3, won: 2, lost: 0,
                             money: SourceReturn(revenue: Amount(cents: 500_000), valuedWins: 1, cost: Amount(cents: 120_000))),
            SourceConversion(source: "<script>alert(1)</script>", leads: 0, won: 0, lost: 0,
                             money: SourceReturn(cost: .zero)),
            SourceConversion(source: "referral", leads: 1, won: 1, lost: 0, money: SourceReturn(revenue: Amount(cents: 30_050))),
        ]).html
        #expect(html.hasPrefix("<section class=\"card wide\" id=\"source-return\">") && html.hasSuffix("</section>"))
        #expect(html.contains("<tr><td>web_form</td><td class=\"n\">3</td><td class=\"n\">2</td><td class=\"n\">5000.00</td>"
                              + "<td class=\"n\">1200.00</td><td class=\"n\">400.00</td><td class=\"n\">600.00</td><td class=\"n\">317%</td></tr>"),
                "\(html)")
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(html)")
        #expect(html.contains("<tr><td>referral</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">300.50</td>"
                              + "<td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td><td class=\"n\">—</td></tr>"), "\(html)")
        #expect(SourceReturnSection(sources: []).html.contains("No data in this window."))
        #expect(SourceReturnSection.percent("-0.75") == "-75%" && SourceReturnSection.percent("0.05") == "5%")
    }

    @Test func theHeatMapShadesConnectRateAndOutlinesCallWindows() {
        let windows = DefaultRules.make().readerPolicy!.callWindows.ranks
        let html = ConnectRateHeatMap(hours: CallHours(cells: [
            CallHours.Cell(weekday: .monday, hour: 7, calls: 1, connects: 0, window: "morning"),
            CallHours.Cell(weekday: .wednesday, hour: 10, calls: 4, connects: 4),
            CallHours.Cell(weekday: .wednesday, hour: 16, calls: 3, connects: 1, window: "<best>"),
        ], windows: windows)).html
        #expect(html.hasPrefix("<section class=\"card wide\" id=\"best-time-to-call\">") && html.hasSuffix("</section>"))
        // Seven weekday columns; a heading row, then rows only for hours with calls.
        #expect(html.components(separatedBy: "<th class=\"n\">").count == 8, "\(html)")
        #expect(html.components(separatedBy: "<tr><th>").count == 5 && html.contains("<tr><th>07:00</th>")
                && html.contains("<tr><th>16:00</th>") && !html.contains("<tr><th>12:00</th>"), "\(html)")
        #expect(html.contains("style=\"background:rgba(22,163,74,1);\" title=\"4 of 4 calls connected\">100.0% <small>(4)</small></td>"),
                "\(html)")
        #expect(html.contains("style=\"background:rgba(22,163,74,0.33);outline:2px solid #1d4ed8;\" "
                              + "title=\"1 of 3 calls connected, call window &lt;best&gt;\">33.3% <small>(3)</small></td>"), "\(html)")
        #expect(html.contains("rgba(22,163,74,0.00);outline"), "0 % is unshaded: \(html)")
        #expect(html.contains("8 calls, 5 connected (62.5%)") && html.contains("best Wed, Thu 16:00–17:00"), "\(html)")
        #expect(!html.contains("<best>"))
        #expect(ConnectRateHeatMap(hours: CallHours(cells: [])).html.contains("No call logged in this window."))
    }
}
