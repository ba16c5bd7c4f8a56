/// Which receivers a notification goes to: routes tried in order, the first
/// whose conditions all hold names the receivers. A pure value, decided when
/// the notification is minted (inside the transaction that mints it), so a
/// later config change never re-routes, and never re-sends, what is queued.
///
/// With no routes, or when none matches, every receiver gets it: a
/// notification that matches nothing must not be silenced.
public struct NotificationRoutes: Sendable, Hashable {
    public var routes: [NotificationRoute]
    /// Every configured receiver, in config order: the answer when no route matches.
    public var everyReceiver: [String]

    public init(routes: [NotificationRoute], everyReceiver: [String]) {
        self.routes = routes
        self.everyReceiver = everyReceiver
    }

    /// The receivers of `notification`, given what the lead looked like when it was minted.
    public func receivers(of notification: LeadNotification, facts: RouteFacts) -> [String] {
        for route in routes where route.matches(notification, facts: facts) { return route.receivers }
        return everyReceiver
    }
}

/// One route: conditions (each nil or empty means "any") and where matching notifications go.
public struct NotificationRoute: Sendable, Hashable {
    public var kinds: Set<NotificationKind>
    public var priorities: Set<String>
    public var teams: Set<String>
    public var receivers: [String]

    public init(kinds: Set<NotificationKind> = [], priorities: Set<String> = [], teams: Set<String> = [],
                receivers: [String]) {
        self.kinds = kinds
        self.priorities = priorities
        self.teams = teams
        self.receivers = receivers
    }

    public func matches(_ notification: LeadNotification, facts: RouteFacts) -> Bool {
        (kinds.isEmpty || kinds.contains(notification.kind))
            && (priorities.isEmpty || facts.priority.map(priorities.contains) == true)
            && (teams.isEmpty || facts.team.map(teams.contains) == true)
    }
}

/// What routing may look at besides the notification itself: the lead's
/// priority and team as they stood when it was minted.
public struct RouteFacts: Sendable, Hashable {
    public var priority: String?
    public var team: String?

    public init(priority: String? = nil, team: String? = nil) {
        self.priority = priority
        self.team = team
    }
}
