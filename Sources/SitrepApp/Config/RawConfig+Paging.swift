/// `paging:` as written: the default notification rules, and each person's contacts (and their own rules).
struct RawPaging: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case rules
        case repeatEvery = "repeat_every"
        case rounds, contacts
        case webhookSecretEnv = "webhook_secret_env"
        case webhookSecretFile = "webhook_secret_file"
    }

    var rules: RawRules
    var contacts: [NamedEntry<RawContact>]?
    var webhookSecretEnv: String?
    var webhookSecretFile: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        rules = RawRules(
            steps: reader.value([LenientElement<RawRuleStep>].self, .rules, expected: "a list of steps"),
            repeatEvery: reader.duration(.repeatEvery), rounds: reader.int(.rounds))
        contacts = reader.namedEntries(RawContact.self, .contacts, expected: "a mapping of contact methods")
        webhookSecretEnv = reader.string(.webhookSecretEnv)
        webhookSecretFile = reader.string(.webhookSecretFile)
        // `namedEntries` keeps the problems found inside each contact.
        problems = reader.problems + (rules.steps ?? []).flatMap { $0.value?.problems ?? [] }
    }
}

/// Notification rules as written, for everyone (`paging:`) or one person (`paging.contacts.NAME:`).
struct RawRules {
    var steps: [LenientElement<RawRuleStep>]?
    var repeatEvery: Duration?
    var rounds: Int?

    var isEmpty: Bool { steps == nil && repeatEvery == nil && rounds == nil }
}

/// One step of `rules:` as written: `{ method: email, after: 1m }`, `{ method: chat, unread_after: 2m }`.
struct RawRuleStep: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case method, after
        case unreadAfter = "unread_after"
    }

    /// `unread_after:` as written: a duration, or `off`.
    enum UnreadAfter: Equatable {
        case after(Duration)
        case off
    }

    var method: String?
    var after: Duration?
    var unreadAfter: UnreadAfter?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        method = reader.string(.method)
        after = reader.duration(.after)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if (try? container.decode(String.self, forKey: .unreadAfter))?.lowercased() == "off" {
            unreadAfter = .off
        } else {
            unreadAfter = reader.duration(.unreadAfter).map(UnreadAfter.after)
        }
        problems = reader.problems
    }
}

/// One person under `paging.contacts:` as written.
struct RawContact: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case email, webhook, rules
        case repeatEvery = "repeat_every"
        case rounds
    }

    var email: String?
    var webhook: RawWebhook?
    var rules: RawRules
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        email = reader.string(.email)
        webhook = reader.value(RawWebhook.self, .webhook, expected: "a URL or a mapping with url (and template, headers)")
        rules = RawRules(
            steps: reader.value([LenientElement<RawRuleStep>].self, .rules, expected: "a list of steps"),
            repeatEvery: reader.duration(.repeatEvery), rounds: reader.int(.rounds))
        problems = reader.problems + (rules.steps ?? []).flatMap { $0.value?.problems ?? [] }
            + (webhook?.problems ?? [])
    }
}
