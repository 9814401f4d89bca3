import Foundation
import Paging
import SitrepCore

/// Reads and checks `paging:`: the default notification rules and each person's contacts, into
/// ``SitrepConfig/Paging``. A wrong method, a delay out of order, an address that is not one, or a rule naming a
/// method nobody can be reached by fails at start, naming the key.
enum PagingConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case rules
        case repeatEvery = "repeat_every"
        case rounds, contacts
        case webhookSecretEnv = "webhook_secret_env"
        case webhookSecretFile = "webhook_secret_file"
    }

    /// One person under `paging.contacts:`.
    enum ContactKey: String, CodingKey, CaseIterable {
        case email, webhook, rules
        case repeatEvery = "repeat_every"
        case rounds
    }

    /// - Parameter hasSMTP: whether `smtp:` is configured: an email contact without a mail server would fail every
    ///   page, at 3 a.m., so it fails at start instead.
    static func read(_ paging: ConfigReader<Key>?, hasSMTP: Bool) -> SitrepConfig.Paging {
        guard let paging else { return SitrepConfig.Paging() }
        let context = paging.context
        let written = NotificationRulesReader.Written(
            paging, steps: .rules, repeatEvery: .repeatEvery, rounds: .rounds)
        let contacts = paging.entryMappings(ContactKey.self, .contacts, expected: "a mapping of contact methods")
        let webhookSecretEnv = paging.string(.webhookSecretEnv)
        let webhookSecretFile = paging.string(.webhookSecretFile)

        let defaults = written.isEmpty ? NotificationRules.chatOnly : NotificationRulesReader.read(written, "paging")
        var people: [SitrepConfig.Paging.Person] = []
        for (name, contact) in contacts ?? [] {
            let keyPath = "paging.contacts.\(name)"
            let identity: ChatIdentity
            switch IdentityEntry.parse(name) {
            case .success(let parsed): identity = parsed
            case .failure(let invalid):
                context.report(keyPath, invalid.reason)
                continue
            }
            guard let contact else { continue }
            if let person = person(identity, contact, keyPath, hasSMTP: hasSMTP) { people.append(person) }
        }
        let webhookSecret = context.optionalSecret(
            in: "paging", env: ("webhook_secret_env", webhookSecretEnv),
            file: ("webhook_secret_file", webhookSecretFile))
        return SitrepConfig.Paging(defaultRules: defaults, people: people, webhookSecret: webhookSecret)
    }

    /// One person's contacts and own rules.
    private static func person(
        _ identity: ChatIdentity, _ contact: ConfigReader<ContactKey>, _ keyPath: String, hasSMTP: Bool
    ) -> SitrepConfig.Paging.Person? {
        let context = contact.context
        let writtenEmail = contact.string(.email)
        let webhookShape = WebhookConfigReader.written(contact, .webhook)
        let written = NotificationRulesReader.Written(
            contact, steps: .rules, repeatEvery: .repeatEvery, rounds: .rounds)

        let email = context.checked(writtenEmail, "\(keyPath).email", emailProblem)
        if email != nil, !hasSMTP { context.report("\(keyPath).email", "needs an smtp: section to send page emails through") }
        let webhook = webhookShape.flatMap { WebhookConfigReader.read($0, "\(keyPath).webhook") }
        let rules = written.isEmpty ? nil : NotificationRulesReader.read(written, keyPath)
        let person = SitrepConfig.Paging.Person(identity: identity, email: email, webhook: webhook, rules: rules)
        // A person's own rules may only name methods they can be reached by.
        for (index, step) in (rules?.steps ?? []).enumerated() where step.method != .chat {
            let reachable = step.method == .email ? email != nil : webhook != nil
            if !reachable, !context.hasProblem(under: "\(keyPath).\(step.method)") {
                context.report("\(keyPath).rules[\(index)].method", "\(step.method) needs \(keyPath).\(step.method)")
            }
        }
        return person
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
}
