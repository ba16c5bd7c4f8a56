@testable import FollowUpCore
import Testing

/// Notification ids are spelled as they always were: `LEAD:KIND:STEP:N`.
@Suite struct NotificationIDTextTests {
    @Test(arguments: [
        ("L1", "lead.assigned", 1, 1),
        ("", "touch.due", 0, 10),
        ("lead with ünïcödé ✓", "sla.breached", 5, 123_456_789),
        (String(repeating: "x", count: 300), "nurture.due", Int.max, Int.min),
        ("L9", "feedback.due", -3, 0),
    ])
    func spellsTheIdAsInterpolationWould(_ lead: String, _ kind: String, _ step: Int, _ count: Int) {
        #expect(NotificationIDText.make(lead: lead, kind: kind, step: step, count: count) == "\(lead):\(kind):\(step):\(count)")
    }
}
