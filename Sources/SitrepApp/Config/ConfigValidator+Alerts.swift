import SitrepCore

/// `alerts:`: the hooks' credentials and body limit, the severity mapping and the rules. Every wrong value is
/// reported as `alerts.key: reason`; the section is nil when absent.
extension ConfigValidator {
    /// Accepted `max_body_bytes`: 1 KiB to 64 MiB.
    static let alertBodyBytesRange = 1_024...(64 << 20)
    /// Accepted `max_lines`.
    static let alertLinesRange = 1...20

    mutating func validateAlerts(_ raw: RawAlerts?, announceChannel: String?) -> SitrepConfig.Alerts? {
        guard let raw else { return nil }
        let token = optionalSecret(in: "alerts", env: ("token_env", raw.tokenEnv), file: ("token_file", raw.tokenFile))
        let hmacSecret = optionalSecret(
            in: "alerts",
            env: ("hmac_secret_env", raw.hmacSecretEnv),
            file: ("hmac_secret_file", raw.hmacSecretFile)
        )
        let secretKeys = ["token_env", "token_file", "hmac_secret_env", "hmac_secret_file"]
        let secretsWritten = [raw.tokenEnv, raw.tokenFile, raw.hmacSecretEnv, raw.hmacSecretFile].contains { $0 != nil }
        if !secretsWritten && !secretKeys.contains(where: { hasProblem(at: "alerts.\($0)") }) {
            report(
                "alerts",
                "set token_env or token_file (a bearer token) or hmac_secret_env or hmac_secret_file (signed "
                    + "bodies); the hooks never accept unauthenticated alerts"
            )
        }
        if announceChannel == nil && !hasProblem(at: "incidents.announce_channel") {
            report("alerts", "needs incidents.announce_channel or matrix.announce_room: alerts are posted there")
        }
        let maxBodyBytes = ranged(raw.maxBodyBytes, "alerts.max_body_bytes", Self.alertBodyBytesRange)
        let policy = AlertPolicy(
            rules: validateAlertRules(raw.rules),
            severityLabel: checked(raw.severityLabel, "alerts.severity_label", Self.labelNameProblem) ?? "severity",
            severityMap: validateSeverityMap(raw.severityMap),
            maxLines: ranged(raw.maxLines, "alerts.max_lines", Self.alertLinesRange) ?? AlertPolicy().maxLines
        )
        return SitrepConfig.Alerts(
            token: token,
            hmacSecret: hmacSecret,
            maxBodyBytes: maxBodyBytes ?? SitrepConfig.Alerts().maxBodyBytes,
            policy: policy
        )
    }

    /// `value` when it lies in `range`; nil (after reporting) when it does not or is absent.
    private mutating func ranged(_ value: Int?, _ keyPath: String, _ range: ClosedRange<Int>) -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else {
            report(keyPath, "must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    private mutating func validateSeverityMap(_ raw: [NamedEntry<String>]?) -> [String: Severity] {
        var map: [String: Severity] = [:]
        for entry in raw ?? [] {
            guard let text = entry.value, let severity = severity(text, "alerts.severity_map.\(entry.name)") else {
                continue
            }
            map[entry.name.lowercased()] = severity
        }
        return map
    }

    private mutating func validateAlertRules(_ raw: [LenientElement<RawAlertRule>]?) -> [AlertRule] {
        var rules: [AlertRule] = []
        for (index, element) in (raw ?? []).enumerated() {
            let keyPath = "alerts.rules[\(index)]"
            guard let rule = element.value else {
                report(keyPath, "expected a mapping with match and action")
                continue
            }
            if let valid = validateAlertRule(rule, keyPath) { rules.append(valid) }
        }
        return rules
    }

    private mutating func validateAlertRule(_ raw: RawAlertRule, _ keyPath: String) -> AlertRule? {
        var match: [String: [String]] = [:]
        for entry in raw.match ?? [] {
            guard checked(entry.name, "\(keyPath).match.\(entry.name)", Self.labelNameProblem) != nil,
                let values = entry.value?.values
            else { continue }
            match[entry.name] = values
        }
        let actionPath = "\(keyPath).action"
        let names = AlertRule.Action.allCases.map(\.rawValue).joined(separator: ", ")
        let action = checked(required(raw.action, actionPath), actionPath) {
            AlertRule.Action(rawValue: $0) == nil ? "must be one of \(names), got \(IRCNameRules.quoted($0))" : nil
        }.flatMap(AlertRule.Action.init(rawValue:))
        let fallback = raw.severity.flatMap { severity($0, "\(keyPath).severity") }
        if action == .ignore && raw.severity != nil {
            report("\(keyPath).severity", "is not used with action ignore; remove it")
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
}
