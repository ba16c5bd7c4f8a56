/// A cadence: the steps a lead's owner is asked to take, on which calendar,
/// in which call windows, and what happens after.
public struct Policy: Sendable, Equatable {
    /// The fields live in one box, copied on write: the engine reads a lead's
    /// policy several times per notification, and a copy is then one retain.
    private var box: PolicyBox

    public var name: String {
        get { box.name }
        set { uniqueBox().name = newValue }
    }
    /// The calendar first-touch times run on; its holidays also remove call slots.
    public var calendar: BusinessCalendar {
        get { box.calendar }
        set { uniqueBox().calendar = newValue }
    }
    /// Step k asks for the k-th touch.
    public var steps: [StepRule] {
        get { box.steps }
        set { uniqueBox().steps = newValue }
    }
    public var callWindows: CallWindows {
        get { box.callWindows }
        set { uniqueBox().callWindows = newValue }
    }
    /// How often nurture reminders repeat (and how long after the last touch the first comes).
    public var nurtureEvery: TimeSpan {
        get { box.nurtureEvery }
        set { uniqueBox().nurtureEvery = newValue }
    }
    /// Whether a breached step 2 sends the lead an acknowledgement that counts as touch 2.
    public var autoAcknowledge: Bool {
        get { box.autoAcknowledge }
        set { uniqueBox().autoAcknowledge = newValue }
    }
    /// Outcomes that make a lead engaged and stop the cadence.
    public var engagingOutcomes: Set<Outcome> {
        get { box.engagingOutcomes }
        set { uniqueBox().engagingOutcomes = newValue }
    }
    /// Snoozes, repeated breaches, check-ins, hot signals, after-hours acknowledgement, acceptance window.
    public var followThrough: FollowThrough {
        get { box.followThrough }
        set { uniqueBox().followThrough = newValue }
    }

    public init(name: String, calendar: BusinessCalendar, steps: [StepRule], callWindows: CallWindows,
                nurtureEvery: TimeSpan, autoAcknowledge: Bool,
                engagingOutcomes: Set<Outcome> = [.connected, .replied, .meeting], followThrough: FollowThrough = .off) {
        box = PolicyBox(name: name, calendar: calendar, steps: steps, callWindows: callWindows, nurtureEvery: nurtureEvery,
                        autoAcknowledge: autoAcknowledge, engagingOutcomes: engagingOutcomes, followThrough: followThrough)
    }

    public static func == (lhs: Policy, rhs: Policy) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    private mutating func uniqueBox() -> PolicyBox {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        return box
    }
}

/// The storage of ``Policy``; only ``Policy`` mutates it, after making sure it is the only owner.
final class PolicyBox: @unchecked Sendable {
    var name: String
    var calendar: BusinessCalendar
    var steps: [StepRule]
    var callWindows: CallWindows
    var nurtureEvery: TimeSpan
    var autoAcknowledge: Bool
    var engagingOutcomes: Set<Outcome>
    var followThrough: FollowThrough

    init(name: String, calendar: BusinessCalendar, steps: [StepRule], callWindows: CallWindows, nurtureEvery: TimeSpan,
         autoAcknowledge: Bool, engagingOutcomes: Set<Outcome>, followThrough: FollowThrough) {
        self.name = name
        self.calendar = calendar
        self.steps = steps
        self.callWindows = callWindows
        self.nurtureEvery = nurtureEvery
        self.autoAcknowledge = autoAcknowledge
        self.engagingOutcomes = engagingOutcomes
        self.followThrough = followThrough
    }

    func copy() -> PolicyBox {
        PolicyBox(name: name, calendar: calendar, steps: steps, callWindows: callWindows, nurtureEvery: nurtureEvery,
                  autoAcknowledge: autoAcknowledge, engagingOutcomes: engagingOutcomes, followThrough: followThrough)
    }

    /// Every field, for equality.
    var fields: PolicyFields {
        PolicyFields(name: name, calendar: calendar, steps: steps, callWindows: callWindows, nurtureEvery: nurtureEvery,
                     autoAcknowledge: autoAcknowledge, engagingOutcomes: engagingOutcomes, followThrough: followThrough)
    }
}

/// ``Policy``'s fields as one equatable value.
struct PolicyFields: Equatable {
    var name: String
    var calendar: BusinessCalendar
    var steps: [StepRule]
    var callWindows: CallWindows
    var nurtureEvery: TimeSpan
    var autoAcknowledge: Bool
    var engagingOutcomes: Set<Outcome>
    var followThrough: FollowThrough
}

/// One step of a cadence: when it is due and when it is breached.
public struct StepRule: Hashable, Sendable {
    /// For people: `first touch`, `confirmation`.
    public var name: String
    public var channel: Channel
    /// When the owner is reminded. Step 1 is due at capture (or assignment).
    public var due: TimeExpression
    /// Whether the due time is moved into the next call window.
    public var inCallWindow: Bool
    /// When the step is breached.
    public var deadline: TimeExpression
    /// A floor under the deadline (`due + 1h`): the later of the two applies.
    public var deadlineAtLeast: TimeExpression?

    public init(name: String, channel: Channel, due: TimeExpression, inCallWindow: Bool = false,
                deadline: TimeExpression, deadlineAtLeast: TimeExpression? = nil) {
        self.name = name
        self.channel = channel
        self.due = due
        self.inCallWindow = inCallWindow
        self.deadline = deadline
        self.deadlineAtLeast = deadlineAtLeast
    }
}

/// `ANCHOR [+ OFFSET]`: how rule files say when something happens.
/// `capture + 24h`, `due + 1d`, `previous_touch + 2d`, `due + first_touch`.
public struct TimeExpression: Hashable, Sendable, CustomStringConvertible {
    /// The instant the offset counts from.
    public enum Anchor: String, Hashable, Sendable, CaseIterable {
        /// When the lead was captured.
        case capture
        /// When the touch before this step was logged (step 1: the assignment).
        case previousTouch = "previous_touch"
        /// This step's due time (deadlines only).
        case due
    }

    /// How much later.
    public enum Offset: Hashable, Sendable {
        /// Elapsed time.
        case wall(TimeSpan)
        /// The lead's priority's first-touch time, in business time.
        case firstTouch
    }

    public var anchor: Anchor
    public var offset: Offset

    public init(anchor: Anchor, offset: Offset = .wall(.zero)) {
        self.anchor = anchor
        self.offset = offset
    }

    /// `due + 1d`, as rule files write it.
    public var description: String {
        switch offset {
        case .wall(let span) where span == .zero: anchor.rawValue
        case .wall(let span): "\(anchor.rawValue) + \(span)"
        case .firstTouch: "\(anchor.rawValue) + first_touch"
        }
    }
}
