import Paging
import SitrepCore

extension SitrepConfig {
    /// `paging:`: how paged people are reached. Everyone is reached in chat; people listed under `contacts`
    /// also by email and webhook, following their own rules or the default ones.
    public struct Paging: Sendable, Equatable {
        /// One person's ways to be reached beyond chat, and their own rules (nil: the defaults).
        public struct Person: Sendable, Equatable {
            public var identity: ChatIdentity
            public var email: String?
            /// Where and how webhook pages are posted.
            public var webhook: Webhook?
            public var rules: NotificationRules?

            public init(
                identity: ChatIdentity, email: String? = nil, webhook: Webhook? = nil, rules: NotificationRules? = nil
            ) {
                self.identity = identity
                self.email = email
                self.webhook = webhook
                self.rules = rules
            }
        }

        /// The rules of everyone without their own: chat at once, nothing more, unless configured.
        public var defaultRules: NotificationRules
        public var people: [Person]
        /// The key webhook pages are signed with (`X-Sitrep-Signature`, HMAC-SHA256), from `webhook_secret_env`
        /// or `webhook_secret_file`; nil: webhook pages are not signed.
        public var webhookSecret: Secret?
        /// The waits before an email or webhook that failed in a way that may pass is tried again (not in the
        /// config file: 15 s then 45 s; tests shorten them).
        public var retryDelays: [Duration] = DeliveryTries.standardDelays

        public init(defaultRules: NotificationRules = .chatOnly, people: [Person] = [], webhookSecret: Secret? = nil) {
            self.defaultRules = defaultRules
            self.people = people
            self.webhookSecret = webhookSecret
        }

        /// Whether anyone can be reached beyond chat (an email or webhook contact).
        public var reachesBeyondChat: Bool { people.contains { $0.email != nil || $0.webhook != nil } }

        /// The configured entry of `identity`, if any.
        public func person(_ identity: ChatIdentity) -> Person? {
            people.first { $0.identity.isSameIdentity(as: identity) }
        }

        /// How to reach `identity`: chat at `nick`, plus the configured email and webhook URL.
        public func contacts(of identity: ChatIdentity, nick: String) -> [ContactMethod.Kind: String] {
            var contacts: [ContactMethod.Kind: String] = [.chat: nick]
            if let person = person(identity) {
                contacts[.email] = person.email
                contacts[.webhook] = person.webhook?.url
            }
            return contacts
        }

        /// Whether `identity`'s rules go on beyond chat (an email or webhook step they have a contact for).
        public func reachesBeyondChat(_ identity: ChatIdentity) -> Bool {
            !methodsBeyondChat(identity).isEmpty
        }

        /// The methods other than chat `identity`'s rules page them by (those they have a contact for), in order.
        public func methodsBeyondChat(_ identity: ChatIdentity) -> [ContactMethod.Kind] {
            guard let person = person(identity) else { return [] }
            var methods: [ContactMethod.Kind] = []
            for step in rules(of: identity).steps where !methods.contains(step.method) {
                if (step.method == .email && person.email != nil) || (step.method == .webhook && person.webhook != nil) {
                    methods.append(step.method)
                }
            }
            return methods
        }

        /// The rules `identity` is paged by.
        public func rules(of identity: ChatIdentity) -> NotificationRules {
            person(identity)?.rules ?? defaultRules
        }
    }
}
