import SitrepCore

/// The body Prometheus Alertmanager POSTs to a `webhook_configs` receiver, version 4:
/// `{version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations,
/// externalURL, alerts: [{status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint}]}`.
///
/// Strict where sitrep depends on a field (version, each alert's status and labels, times), lenient elsewhere
/// (unknown fields are ignored, optional objects default to empty), so a newer Alertmanager keeps working.
struct AlertmanagerPayload: Decodable {
    /// Every notice from this hook has this source.
    static let source = "alertmanager"

    var version: String
    var groupKey: String?
    var truncatedAlerts: Int
    var status: AlertStatus
    var receiver: String?
    var groupLabels: [String: String]
    var commonLabels: [String: String]
    var commonAnnotations: [String: String]
    var externalURL: String?
    var alerts: [Alert]

    enum CodingKeys: String, CodingKey {
        case version, groupKey, truncatedAlerts, status, receiver, groupLabels, commonLabels, commonAnnotations
        case externalURL, alerts
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        guard version == "4" else {
            throw container.invalid(
                .version,
                "sitrep reads Alertmanager webhook version 4, got \(container.quoted(version))"
            )
        }
        groupKey = try container.decodeIfPresent(String.self, forKey: .groupKey)
        truncatedAlerts = try container.decodeIfPresent(Int.self, forKey: .truncatedAlerts) ?? 0
        status = try container.decodeStatus(.status, default: .firing)
        receiver = try container.decodeIfPresent(String.self, forKey: .receiver)
        groupLabels = try container.decodeIfPresent([String: String].self, forKey: .groupLabels) ?? [:]
        commonLabels = try container.decodeIfPresent([String: String].self, forKey: .commonLabels) ?? [:]
        commonAnnotations = try container.decodeIfPresent([String: String].self, forKey: .commonAnnotations) ?? [:]
        externalURL = try container.decodeIfPresent(String.self, forKey: .externalURL)
        alerts = try container.decode([Alert].self, forKey: .alerts)
    }

    /// One alert of the notification.
    struct Alert: Decodable {
        var status: AlertStatus
        var labels: [String: String]
        var annotations: [String: String]
        var startsAt: Timestamp?
        var endsAt: Timestamp?
        var generatorURL: String?
        /// Alertmanager's label-set hash; computed the same way when missing.
        var fingerprint: String

        enum CodingKeys: String, CodingKey {
            case status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            status = try container.decodeStatus(.status)
            labels = try container.decode([String: String].self, forKey: .labels)
            annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
            startsAt = try container.decodeTime(.startsAt)
            endsAt = try container.decodeTime(.endsAt)
            generatorURL = try container.decodeIfPresent(String.self, forKey: .generatorURL)
            let given = try container.decodeIfPresent(String.self, forKey: .fingerprint) ?? ""
            fingerprint = given.isEmpty ? AlertFingerprint.labels(labels) : given
            if let problem = GenericAlertPayload.identifierProblem(fingerprint) {
                throw container.invalid(.fingerprint, problem)
            }
        }
    }

    /// The alerts as notices, in payload order. An empty `generatorURL` is no link; a firing alert's end time
    /// (Alertmanager's expected resolve time) is kept as given.
    var notices: [AlertNotice] {
        alerts.map { alert in
            AlertNotice(
                source: Self.source,
                fingerprint: alert.fingerprint,
                status: alert.status,
                labels: alert.labels,
                annotations: alert.annotations,
                startsAt: alert.startsAt,
                endsAt: alert.endsAt,
                url: alert.generatorURL.flatMap { $0.isEmpty ? nil : $0 }
            )
        }
    }
}
