/// One rule of `alerts.rules`: alerts whose labels match get the rule's action. Rules are evaluated in order and
/// the first match wins (`AlertPolicy.rule(for:)`).
public struct AlertRule: Sendable, Equatable {
    /// What to do with a matching alert.
    public enum Action: String, Sendable, Equatable, CaseIterable {
        /// Declare an incident from it (or attach it to the open incident of its group).
        case declare
        /// Post it in the announce channel with a hint to `/declare from alert N`.
        case post
        /// Record it, say nothing.
        case ignore
    }

    /// Label name → accepted values (any of them). An empty value matches an alert without that label, as in
    /// Prometheus matchers. An empty mapping matches every alert.
    public var match: [String: [String]]
    public var action: Action
    /// The severity of an incident declared from a matching alert when its severity label says none.
    public var severity: Severity?

    public init(match: [String: [String]] = [:], action: Action, severity: Severity? = nil) {
        self.match = match
        self.action = action
        self.severity = severity
    }

    /// Whether every matcher accepts the alert's labels.
    public func matches(_ labels: [String: String]) -> Bool {
        match.allSatisfy { name, values in values.contains(labels[name] ?? "") }
    }
}

/// The operator's alert rules and severity mapping (`alerts:` in the config), as pure decisions.
public struct AlertPolicy: Sendable, Equatable {
    /// Rules in order; no match means `post`.
    public var rules: [AlertRule]
    /// The label read for an incident's severity (`severity` by default).
    public var severityLabel: String
    /// Label value (lower-cased) → severity, tried before the built-in names (`AlertSeverity.parse`).
    public var severityMap: [String: Severity]
    /// Alert lines posted per batch before the rest are summarised in one line.
    public var maxLines: Int

    public init(
        rules: [AlertRule] = [],
        severityLabel: String = "severity",
        severityMap: [String: Severity] = [:],
        maxLines: Int = 5
    ) {
        self.rules = rules
        self.severityLabel = severityLabel
        self.severityMap = severityMap
        self.maxLines = maxLines
    }

    /// The first rule matching `labels`, with its position (0-based), or nil.
    public func rule(for labels: [String: String]) -> (index: Int, rule: AlertRule)? {
        rules.enumerated().first { $0.element.matches(labels) }.map { ($0.offset, $0.element) }
    }

    /// The action for an alert with `labels`: the first matching rule's, else `post`.
    public func action(for labels: [String: String]) -> AlertRule.Action {
        rule(for: labels)?.rule.action ?? .post
    }

    /// The severity of an incident declared from an alert: its severity label (through `severityMap`, then the
    /// built-in names), else the matching rule's `severity`, else nil (the configured default applies).
    public func severity(for labels: [String: String]) -> Severity? {
        if let value = labels[severityLabel], let severity = labelSeverity(value) { return severity }
        return rule(for: labels)?.rule.severity
    }

    /// The severity a label value names, or nil.
    public func labelSeverity(_ value: String) -> Severity? {
        severityMap[value.lowercased()] ?? AlertSeverity.parse(value)
    }
}

/// Severity names monitoring systems use, read as incident severities.
public enum AlertSeverity {
    /// `sev1`, `SEV-1`, `1`, `s1` → SEV1; and the usual words: `critical`, `crit`, `emergency`, `fatal`, `page` →
    /// SEV1; `error`, `high`, `major` → SEV2; `warning`, `warn`, `medium`, `minor` → SEV3; `info`, `low`,
    /// `notice` → SEV4. Case-insensitive; nil for anything else.
    public static func parse(_ value: String) -> Severity? {
        if let severity = Severity(parsing: value) { return severity }
        switch value.lowercased() {
        case "critical", "crit", "emergency", "fatal", "page": return .sev1
        case "error", "high", "major": return .sev2
        case "warning", "warn", "medium", "minor": return .sev3
        case "info", "informational", "low", "notice": return .sev4
        default: return nil
        }
    }
}
