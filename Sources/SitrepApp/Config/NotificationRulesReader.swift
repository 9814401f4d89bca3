import Paging
import SitrepCore

/// Reads and checks notification rules, for everyone (`paging:`) or one person (`paging.contacts.NAME:`):
/// `rules:` (steps like `{ method: email, after: 1m }`), `repeat_every:` and `rounds:`.
enum NotificationRulesReader {
    /// One step of `rules:`.
    enum StepKey: String, CodingKey, CaseIterable {
        case method, after
        case unreadAfter = "unread_after"
    }

    /// The most rounds a person's rules may repeat.
    static let maxRounds = 20

    /// The rule keys as found in their mapping; the steps are checked by ``read(_:_:)``.
    struct Written {
        let context: ConfigContext
        var steps: [ConfigReader<StepKey>?]?
        var repeatEvery: Duration?
        var rounds: Int?

        init<Key>(_ mapping: ConfigReader<Key>, steps: Key, repeatEvery: Key, rounds: Key) {
            context = mapping.context
            self.steps = mapping.elementMappings(StepKey.self, steps, expected: "a list of steps")
            self.repeatEvery = mapping.duration(repeatEvery)
            self.rounds = mapping.int(rounds)
        }

        var isEmpty: Bool { steps == nil && repeatEvery == nil && rounds == nil }
    }

    /// The rules under `keyPath`.
    static func read(_ written: Written, _ keyPath: String) -> NotificationRules {
        let context = written.context
        var steps: [NotificationStep] = []
        let stepsPath = "\(keyPath).rules"
        for (index, element) in (written.steps ?? []).enumerated() {
            let stepPath = "\(stepsPath)[\(index)]"
            guard let element else {
                context.report(stepPath, "expected a mapping with method and after")
                continue
            }
            if let step = step(element, stepPath, previous: steps.last) { steps.append(step) }
        }
        if written.steps?.isEmpty == true { context.report(stepsPath, "must list at least one step") }
        let rounds = written.rounds ?? 1
        if !(1...maxRounds).contains(rounds) {
            context.report("\(keyPath).rounds", "must be between 1 and \(maxRounds), got \(rounds)")
        }
        if let every = written.repeatEvery, every <= (steps.last?.after ?? .zero) {
            context.report("\(keyPath).repeat_every", "must be longer than the last step's delay")
        }
        if written.repeatEvery == nil && written.rounds != nil && rounds > 1 {
            context.report("\(keyPath).repeat_every", "required when rounds is more than 1")
        }
        return NotificationRules(
            steps: steps.isEmpty ? NotificationRules.chatOnly.steps : steps, repeatEvery: written.repeatEvery,
            rounds: rounds)
    }

    /// One step, or nil when its method is missing or unknown (reported).
    private static func step(_ step: ConfigReader<StepKey>, _ stepPath: String, previous: NotificationStep?)
        -> NotificationStep?
    {
        let context = step.context
        let name = step.string(.method)
        let writtenAfter = step.duration(.after)
        let unreadAfter: UnreadAfter? =
            step.quietString(.unreadAfter)?.lowercased() == "off"
            ? .off : step.duration(.unreadAfter).map(UnreadAfter.after)

        let methods = ContactMethod.Kind.allCases.map(\.rawValue)
        guard let name = context.required(name, "\(stepPath).method") else { return nil }
        guard let method = ContactMethod.Kind(rawValue: name.lowercased()) else {
            step.report(.method, "unknown method \(IRCNameRules.quoted(name)); use \(methods.joined(separator: ", "))")
            return nil
        }
        let after = writtenAfter ?? .zero
        if after < .zero { step.report(.after, "must not be negative") }
        if let previous, after < previous.after {
            step.report(.after, "must not come before the step above it (\(previous.after.chatDescription))")
        }
        return NotificationStep(method, after: after, unreadAfter: checked(unreadAfter, method, step))
    }

    /// `unread_after:` as written: a duration, or `off`.
    private enum UnreadAfter: Equatable {
        case after(Duration)
        case off
    }

    /// A chat step's `unread_after:` (one minute unless given; `off`: never), nil for other methods, which may
    /// not set it.
    private static func checked(_ unreadAfter: UnreadAfter?, _ method: ContactMethod.Kind, _ step: ConfigReader<StepKey>)
        -> Duration?
    {
        guard method == .chat else {
            if unreadAfter != nil {
                step.report(.unreadAfter, "only a chat step can have one (read receipts are a chat thing)")
            }
            return nil
        }
        switch unreadAfter {
        case nil: return NotificationStep.standardUnreadAfter
        case .off: return nil
        case .after(let limit):
            if limit <= .zero { step.report(.unreadAfter, "must be positive, or off") }
            return limit
        }
    }
}
