/// What a page says, as the fields a webhook template (and a recipe for ntfy, Gotify, Pushover, Apprise) can use.
/// Each is plain text; the template puts it inside a JSON string, escaped.
public struct PageFields: Sendable, Equatable {
    public var incidentID: Int64
    public var title: String
    /// `SEV1` … as the incident shows it.
    public var severity: String
    /// The incident's state (`declared`, `acknowledged`, …).
    public var status: String
    /// The whole page text, as chat and email say it.
    public var text: String
    /// The configured person paged.
    public var person: String
    /// The signed acknowledge link, if the web side has a public URL.
    public var ackURL: String?
    /// The incident's page on the web side, if it has a public URL.
    public var incidentURL: String?
    /// Which attempt this is for the person and method (1, 2, … when repeated).
    public var attempt: Int

    public init(
        incidentID: Int64, title: String, severity: String, status: String, text: String, person: String,
        ackURL: String? = nil, incidentURL: String? = nil, attempt: Int = 1
    ) {
        self.incidentID = incidentID
        self.title = title
        self.severity = severity
        self.status = status
        self.text = text
        self.person = person
        self.ackURL = ackURL
        self.incidentURL = incidentURL
        self.attempt = attempt
    }

    /// The placeholder names templates may use, `{{name}}`.
    public static let placeholderNames = [
        "incident", "title", "severity", "status", "text", "person", "ack_url", "incident_url", "attempt",
    ]

    /// The value of each placeholder (a missing URL is the empty string).
    public var values: [String: String] {
        [
            "incident": String(incidentID), "title": title, "severity": severity, "status": status, "text": text,
            "person": person, "ack_url": ackURL ?? "", "incident_url": incidentURL ?? "", "attempt": String(attempt),
        ]
    }
}
