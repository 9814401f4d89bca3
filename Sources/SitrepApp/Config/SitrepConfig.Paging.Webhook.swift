import Notify

extension SitrepConfig.Paging {
    /// One person's webhook (`paging.contacts.NAME.webhook`): where pages are POSTed, the JSON body's template and
    /// the extra headers a service wants (a token). Header values are `Secret`s: they never print themselves and are
    /// revealed only when the request is built.
    public struct Webhook: Sendable, Equatable {
        /// One extra header, e.g. `X-Gotify-Key` from an environment variable.
        public struct Header: Sendable, Equatable {
            public var name: String
            public var value: Secret

            public init(name: String, value: Secret) {
                self.name = name
                self.value = value
            }
        }

        /// The http(s) URL (it may hold a token in its path or query; it is stored and shown shortened).
        public var url: String
        public var template: WebhookTemplate
        public var headers: [Header]

        public init(url: String, template: WebhookTemplate = .standard, headers: [Header] = []) {
            self.url = url
            self.template = template
            self.headers = headers
        }

        /// Headers sitrep sets itself, which a configured header may not replace.
        public static let reservedHeaders: Set<String> = [
            "content-type", "content-length", "host", "transfer-encoding", "user-agent", "connection",
            WebhookRequest.idempotencyHeader.lowercased(), WebhookRequest.signatureHeader.lowercased(),
            WebhookRequest.timestampHeader.lowercased(),
        ]

        /// The target to send a page to, signed with `secret` (reveals the header values: call it only to send).
        public func target(secret: [UInt8]?) throws(WebhookTarget.Problem) -> WebhookTarget {
            try WebhookTarget(
                url: url, template: template, secret: secret,
                headers: headers.map { (name: $0.name, value: $0.value.reveal()) })
        }
    }
}
