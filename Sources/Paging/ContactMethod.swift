import SitrepCore

/// A way to reach a person: the chat network's direct message, an email address, or a configured webhook.
public struct ContactMethod: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case chat, email, webhook

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kind: Kind
    /// A nick or account for chat, an email address, a webhook's configured name.
    public var address: String

    public init(kind: Kind, address: String) {
        self.kind = kind
        self.address = address
    }
}

/// One step of a person's notification rules: try `method` `after` the page began.
public struct NotificationStep: Sendable, Equatable {
    public var method: ContactMethod.Kind
    public var after: Duration
    /// For a chat step on a network that reports reading (Matrix read receipts): a message sent but not read this
    /// long after it was sent counts as failed then, bringing the person's next method forward, as a refused IRC
    /// message does at once. Nil: never (IRC, or turned off).
    public var unreadAfter: Duration?

    /// How long a Matrix page may stay unread when the rules do not say: one minute.
    public static let standardUnreadAfter: Duration = .seconds(60)

    public init(_ method: ContactMethod.Kind, after: Duration = .zero, unreadAfter: Duration? = nil) {
        self.method = method
        self.after = after
        self.unreadAfter = unreadAfter
    }
}

/// How a person wants to be paged: steps in order (e.g. chat at once, email after 1 min, webhook after 3 min),
/// the whole sequence started again every `repeatEvery` (nil: once) until acknowledged or the tier moves on, for
/// at most `rounds` rounds.
public struct NotificationRules: Sendable, Equatable {
    public var steps: [NotificationStep]
    public var repeatEvery: Duration?
    public var rounds: Int

    public init(steps: [NotificationStep], repeatEvery: Duration? = nil, rounds: Int = 1) {
        self.steps = steps
        self.repeatEvery = repeatEvery
        self.rounds = max(1, rounds)
    }

    /// A chat message at once, nothing more: what sitrep did before contact methods existed.
    public static let chatOnly = NotificationRules(
        steps: [NotificationStep(.chat, unreadAfter: NotificationStep.standardUnreadAfter)])

    /// These rules for a person on a network that does not report reading (IRC): no unread deadlines.
    public var withoutReadReports: NotificationRules {
        var rules = self
        for index in rules.steps.indices { rules.steps[index].unreadAfter = nil }
        return rules
    }
}
