import SitrepCore

/// The small JSON any monitoring tool (or a script with curl) can send to `POST /hooks/generic`:
///
/// ```json
/// {"source": "grafana",
///  "alerts": [{"id": "checkout-5xx", "status": "firing", "title": "Checkout returns 500s",
///              "severity": "critical", "labels": {"service": "checkout"},
///              "description": "5xx ratio above 5% for 5 minutes", "url": "https://grafana.example/d/abc"}]}
/// ```
///
/// Only `alerts` and each alert's `title` are required. `source` defaults to `generic` (letters, digits, `.`,
/// `_`, `-`; it names who declares an incident automatically); `status` to `firing`. `severity` becomes the
/// `severity` label and `title` the `alertname` label when the labels have none, so the rules see them; `title`
/// and `description` become the `summary` and `description` annotations. The alert's identity is `fingerprint`
/// as given, else a hash of source and `id`, else the Prometheus fingerprint of its labels.
struct GenericAlertPayload: Decodable {
    static let defaultSource = "generic"

    var source: String
    var alerts: [Item]

    enum CodingKeys: String, CodingKey {
        case source, alerts
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        source = try container.decodeIfPresent(String.self, forKey: .source) ?? Self.defaultSource
        if let problem = Self.sourceProblem(source) { throw container.invalid(.source, problem) }
        alerts = try container.decode([Item].self, forKey: .alerts)
        if alerts.isEmpty { throw container.invalid(.alerts, "must list at least one alert") }
    }

    /// One alert as sent.
    struct Item: Decodable {
        var id: String?
        var fingerprint: String?
        var status: AlertStatus
        var title: String
        var severity: String?
        var labels: [String: String]
        var description: String?
        var url: String?

        enum CodingKeys: String, CodingKey {
            case id, fingerprint, status, title, severity, labels, description, url
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id)
            fingerprint = try container.decodeIfPresent(String.self, forKey: .fingerprint)
            for (key, value) in [(CodingKeys.id, id), (.fingerprint, fingerprint)] {
                if let value, let problem = GenericAlertPayload.identifierProblem(value) {
                    throw container.invalid(key, problem)
                }
            }
            status = try container.decodeStatus(.status, default: .firing)
            title = try container.decode(String.self, forKey: .title)
            if !ChatText.oneLine(title).contains(where: { $0 != " " }) {
                throw container.invalid(.title, "must not be empty")
            }
            severity = try container.decodeIfPresent(String.self, forKey: .severity)
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
            description = try container.decodeIfPresent(String.self, forKey: .description)
            url = try container.decodeIfPresent(String.self, forKey: .url)
        }

        func notice(source: String) -> AlertNotice {
            var labels = self.labels
            if labels["alertname"] == nil { labels["alertname"] = title }
            if let severity, labels["severity"] == nil { labels["severity"] = severity }
            var annotations = ["summary": title]
            if let description { annotations["description"] = description }
            let identity =
                fingerprint ?? id.map { AlertFingerprint.identifier(source: source, id: $0) }
                ?? AlertFingerprint.labels(labels)
            return AlertNotice(
                source: source,
                fingerprint: identity,
                status: status,
                labels: labels,
                annotations: annotations,
                url: url.flatMap { $0.isEmpty ? nil : $0 }
            )
        }
    }

    /// The alerts as notices, in payload order.
    var notices: [AlertNotice] { alerts.map { $0.notice(source: source) } }

    /// Why `source` cannot name a sender, or nil: 1 to 32 letters, digits, `.`, `_` or `-`.
    static func sourceProblem(_ source: String) -> String? {
        let allowed = source.unicodeScalars.allSatisfy {
            $0.isASCII
                && (($0.properties.isAlphabetic || ("0"..."9").contains($0)) || ".-_".unicodeScalars.contains($0))
        }
        guard !source.isEmpty, source.count <= 32, allowed else {
            return "must be 1 to 32 letters, digits, '.', '_' or '-', got \"\(ChatText.oneLine(source, limit: 40))\""
        }
        return nil
    }

    /// Why an id or fingerprint cannot identify an alert, or nil: 1 to 200 characters, no control characters.
    static func identifierProblem(_ value: String) -> String? {
        guard !value.isEmpty, value.count <= 200 else { return "must be 1 to 200 characters" }
        let hasControl = value.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        return hasControl ? "must not contain control characters" : nil
    }
}
