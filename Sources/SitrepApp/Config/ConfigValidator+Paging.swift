import Foundation
import Paging
import SitrepCore

/// `paging:`: the default notification rules and each person's contacts. A wrong method, a delay out of order, an
/// address that is not one, or a rule naming a method nobody can be reached by fails at start, naming the key.
extension ConfigValidator {
    /// The most rounds a person's rules may repeat.
    static let maxPagingRounds = 20

    /// - Parameter hasSMTP: whether `smtp:` is configured: an email contact without a mail server would fail every
    ///   page, at 3 a.m., so it fails at start instead.
    mutating func validatePaging(_ raw: RawPaging?, hasSMTP: Bool) -> SitrepConfig.Paging {
        guard let raw else { return SitrepConfig.Paging() }
        let defaults = raw.rules.isEmpty ? NotificationRules.chatOnly : validateRules(raw.rules, "paging")
        var people: [SitrepConfig.Paging.Person] = []
        for entry in raw.contacts ?? [] {
            let keyPath = "paging.contacts.\(entry.name)"
            let identity: ChatIdentity
            switch IdentityEntry.parse(entry.name) {
            case .success(let parsed): identity = parsed
            case .failure(let invalid):
                report(keyPath, invalid.reason)
                continue
            }
            guard let contact = entry.value else { continue }
            let email = checked(contact.email, "\(keyPath).email", Self.emailProblem)
            if email != nil, !hasSMTP { report("\(keyPath).email", "needs an smtp: section to send page emails through") }
            let webhook = validateWebhook(contact.webhook, "\(keyPath).webhook")
            let rules = contact.rules.isEmpty ? nil : validateRules(contact.rules, keyPath)
            let person = SitrepConfig.Paging.Person(identity: identity, email: email, webhook: webhook, rules: rules)
            // A person's own rules may only name methods they can be reached by.
            for (index, step) in (rules?.steps ?? []).enumerated() where step.method != .chat {
                let reachable = step.method == .email ? email != nil : webhook != nil
                let hasProblem = problems.contains { $0.keyPath.hasPrefix("\(keyPath).\(step.method)") }
                if !reachable, !hasProblem {
                    report("\(keyPath).rules[\(index)].method", "\(step.method) needs \(keyPath).\(step.method)")
                }
            }
            people.append(person)
        }
        let webhookSecret = optionalSecret(
            in: "paging", env: ("webhook_secret_env", raw.webhookSecretEnv),
            file: ("webhook_secret_file", raw.webhookSecretFile))
        return SitrepConfig.Paging(defaultRules: defaults, people: people, webhookSecret: webhookSecret)
    }

    /// `rules:`, `repeat_every:` and `rounds:` under `keyPath`.
    private mutating func validateRules(_ raw: RawRules, _ keyPath: String) -> NotificationRules {
        var steps: [NotificationStep] = []
        let stepsPath = "\(keyPath).rules"
        for (index, element) in (raw.steps ?? []).enumerated() {
            let stepPath = "\(stepsPath)[\(index)]"
            guard let step = element.value else {
                report(stepPath, "expected a mapping with method and after")
                continue
            }
            let methods = ContactMethod.Kind.allCases.map(\.rawValue)
            guard let name = required(step.method, "\(stepPath).method") else { continue }
            guard let method = ContactMethod.Kind(rawValue: name.lowercased()) else {
                report("\(stepPath).method", "unknown method \(IRCNameRules.quoted(name)); use \(methods.joined(separator: ", "))")
                continue
            }
            let after = step.after ?? .zero
            if after < .zero { report("\(stepPath).after", "must not be negative") }
            if let previous = steps.last, after < previous.after {
                report("\(stepPath).after", "must not come before the step above it (\(previous.after.chatDescription))")
            }
            steps.append(NotificationStep(method, after: after, unreadAfter: unreadAfter(step, method, stepPath)))
        }
        if raw.steps?.isEmpty == true { report(stepsPath, "must list at least one step") }
        let rounds = raw.rounds ?? 1
        if !(1...Self.maxPagingRounds).contains(rounds) {
            report("\(keyPath).rounds", "must be between 1 and \(Self.maxPagingRounds), got \(rounds)")
        }
        if let every = raw.repeatEvery, every <= (steps.last?.after ?? .zero) {
            report("\(keyPath).repeat_every", "must be longer than the last step's delay")
        }
        if raw.repeatEvery == nil && raw.rounds != nil && rounds > 1 {
            report("\(keyPath).repeat_every", "required when rounds is more than 1")
        }
        return NotificationRules(
            steps: steps.isEmpty ? NotificationRules.chatOnly.steps : steps, repeatEvery: raw.repeatEvery,
            rounds: rounds)
    }

    /// A chat step's `unread_after:` (one minute unless given; `off`: never), nil for other methods, which may
    /// not set it.
    private mutating func unreadAfter(_ step: RawRuleStep, _ method: ContactMethod.Kind, _ stepPath: String)
        -> Duration?
    {
        guard method == .chat else {
            if step.unreadAfter != nil {
                report("\(stepPath).unread_after", "only a chat step can have one (read receipts are a chat thing)")
            }
            return nil
        }
        switch step.unreadAfter {
        case nil: return NotificationStep.standardUnreadAfter
        case .off: return nil
        case .after(let limit):
            if limit <= .zero { report("\(stepPath).unread_after", "must be positive, or off") }
            return limit
        }
    }

    /// Nil for a plain address (`name@domain`, no spaces, angle brackets or line breaks), else why not.
    static func emailProblem(_ value: String) -> String? {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden = value.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F || "<>,;\"".unicodeScalars.contains($0) }
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !forbidden
        else { return "not an email address: \(IRCNameRules.quoted(value)) (write name@example.org)" }
        return nil
    }

    /// Nil for an `https://` URL (or `http://` to this machine), else why not.
    static func webhookProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return "not a URL: \(IRCNameRules.quoted(value)) (write https://host/path)" }
        let local = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && local) else {
            return "must use https (http only to this machine), got \(IRCNameRules.quoted(value))"
        }
        return nil
    }
}
