import SitrepCore

/// Reads and checks `alerts:`, into ``SitrepConfig/Alerts``: the hooks' credentials and body limit, the severity
/// mapping and the rules. Every wrong value is reported as `alerts.key: reason`.
enum AlertsConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case tokenEnv = "token_env"
        case tokenFile = "token_file"
        case hmacSecretEnv = "hmac_secret_env"
        case hmacSecretFile = "hmac_secret_file"
        case maxBodyBytes = "max_body_bytes"
        case severityLabel = "severity_label"
        case severityMap = "severity_map"
        case maxLines = "max_lines"
        case rules
    }

    /// One element of `alerts.rules`.
    enum RuleKey: String, CodingKey, CaseIterable {
        case match, action, severity
    }

    /// Accepted `max_body_bytes`: 1 KiB to 64 MiB.
    static let bodyBytesRange = 1_024...(64 << 20)
    /// Accepted `max_lines`.
    static let linesRange = 1...20

    /// - Parameter announceChannel: where alerts are posted (`incidents.announce_channel` or
    ///   `matrix.announce_room`); alerts need one.
    static func read(_ alerts: ConfigReader<Key>, announceChannel: String?) -> SitrepConfig.Alerts {
        let context = alerts.context
        let tokenEnv = alerts.string(.tokenEnv)
        let tokenFile = alerts.string(.tokenFile)
        let hmacSecretEnv = alerts.string(.hmacSecretEnv)
        let hmacSecretFile = alerts.string(.hmacSecretFile)
        let writtenMaxBodyBytes = alerts.int(.maxBodyBytes)
        let severityLabel = alerts.string(.severityLabel)
        let severityMap = alerts.entryValues(String.self, .severityMap, expected: "a severity (sev1 to sev4)")
        let maxLines = alerts.int(.maxLines)
        let rules = alerts.elementMappings(RuleKey.self, .rules, expected: "a list of rules")

        let token = context.optionalSecret(in: "alerts", env: ("token_env", tokenEnv), file: ("token_file", tokenFile))
        let hmacSecret = context.optionalSecret(
            in: "alerts", env: ("hmac_secret_env", hmacSecretEnv), file: ("hmac_secret_file", hmacSecretFile))
        let secretKeys: [Key] = [.tokenEnv, .tokenFile, .hmacSecretEnv, .hmacSecretFile]
        let secretsWritten = [tokenEnv, tokenFile, hmacSecretEnv, hmacSecretFile].contains { $0 != nil }
        if !secretsWritten && !secretKeys.contains(where: { context.hasProblem(at: alerts.path($0)) }) {
            context.report(
                "alerts",
                "set token_env or token_file (a bearer token) or hmac_secret_env or hmac_secret_file (signed "
                    + "bodies); the hooks never accept unauthenticated alerts"
            )
        }
        if announceChannel == nil && !context.hasProblem(at: "incidents.announce_channel") {
            context.report("alerts", "needs incidents.announce_channel or matrix.announce_room: alerts are posted there")
        }
        let maxBodyBytes = ranged(writtenMaxBodyBytes, .maxBodyBytes, bodyBytesRange, alerts)
        let policy = AlertPolicy(
            rules: self.rules(rules, context),
            severityLabel: context.checked(severityLabel, "alerts.severity_label", labelNameProblem) ?? "severity",
            severityMap: self.severityMap(severityMap, context),
            maxLines: ranged(maxLines, .maxLines, linesRange, alerts) ?? AlertPolicy().maxLines
        )
        return SitrepConfig.Alerts(
            token: token,
            hmacSecret: hmacSecret,
            maxBodyBytes: maxBodyBytes ?? SitrepConfig.Alerts().maxBodyBytes,
            policy: policy
        )
    }

    /// `value` when it lies in `range`; nil (after reporting) when it does not or is absent.
    private static func ranged(_ value: Int?, _ key: Key, _ range: ClosedRange<Int>, _ alerts: ConfigReader<Key>)
        -> Int?
    {
        guard let value else { return nil }
        guard range.contains(value) else {
            alerts.report(key, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    private static func severityMap(_ entries: [(name: String, value: String?)]?, _ context: ConfigContext)
        -> [String: Severity]
    {
        var map: [String: Severity] = [:]
        for (name, text) in entries ?? [] {
            guard let text, let severity = context.severity(text, "alerts.severity_map.\(name)") else { continue }
            map[name.lowercased()] = severity
        }
        return map
    }

    private static func rules(_ elements: [ConfigReader<RuleKey>?]?, _ context: ConfigContext) -> [AlertRule] {
        var rules: [AlertRule] = []
        for (index, element) in (elements ?? []).enumerated() {
            guard let element else {
                context.report("alerts.rules[\(index)]", "expected a mapping with match and action")
                continue
            }
            if let valid = rule(element) { rules.append(valid) }
        }
        return rules
    }

    private static func rule(_ rule: ConfigReader<RuleKey>) -> AlertRule? {
        let context = rule.context
        let writtenMatch = rule.entryValues(
            LabelValues.self, .match, expected: "a label value or a list of label values")
        let writtenAction = rule.string(.action)
        let severity = rule.string(.severity)

        var match: [String: [String]] = [:]
        for (name, values) in writtenMatch ?? [] {
            guard context.checked(name, "\(rule.path(.match)).\(name)", labelNameProblem) != nil, let values
            else { continue }
            match[name] = values.values
        }
        let actionPath = rule.path(.action)
        let names = AlertRule.Action.allCases.map(\.rawValue).joined(separator: ", ")
        let action = context.checked(context.required(writtenAction, actionPath), actionPath) {
            AlertRule.Action(rawValue: $0) == nil ? "must be one of \(names), got \(IRCNameRules.quoted($0))" : nil
        }.flatMap(AlertRule.Action.init(rawValue:))
        let fallback = severity.flatMap { context.severity($0, rule.path(.severity)) }
        if action == .ignore && severity != nil {
            rule.report(.severity, "is not used with action ignore; remove it")
        }
        return action.map { AlertRule(match: match, action: $0, severity: fallback) }
    }

    /// Why `name` is not a Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`), or nil.
    static func labelNameProblem(_ name: String) -> String? {
        let isValid =
            name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
            && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
        let rule = "must be a label name (letters, digits and '_', not starting with a digit)"
        return isValid ? nil : "\(rule), got \(IRCNameRules.quoted(name))"
    }

    /// The value of one matcher in a rule's `match:`: a label value or a list of them.
    struct LabelValues: Decodable {
        var values: [String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(String.self) {
                values = [value]
            } else {
                values = try container.decode([String].self)
            }
        }
    }
}
