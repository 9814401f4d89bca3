import SitrepCore

/// What the readers of one config load share: where relative paths resolve, where secrets come from, which secrets
/// are read, and every problem found so far. A load never stops at the first problem; it is accepted only if
/// ``problems`` is empty (values built around a problem are placeholders).
final class ConfigContext {
    let configDirectory: String
    let environment: [String: String]
    /// Which secrets are read (the others get a placeholder, and their variable or file is not looked at).
    let secrets: SitrepConfig.Secrets
    /// Unknown keys and values of the wrong type, in reading order; listed before ``ruleProblems``.
    private(set) var shapeProblems: [ConfigProblem] = []
    /// Values of the right type that break a rule, in checking order.
    private(set) var ruleProblems: [ConfigProblem] = []
    /// The names under `schedules:` as written, for `schedule:NAME` in `notify:` lists.
    var scheduleNames: [String] = []

    init(configDirectory: String, environment: [String: String], secrets: SitrepConfig.Secrets = .all) {
        self.configDirectory = configDirectory
        self.environment = environment
        self.secrets = secrets
    }

    /// Every problem: the shape of the file first, then the rules.
    var problems: [ConfigProblem] { shapeProblems + ruleProblems }

    /// Records an unknown key or a value of the wrong type.
    func reportShape(_ keyPath: String, _ reason: String) {
        shapeProblems.append(ConfigProblem(keyPath: keyPath, reason: reason))
    }

    /// Records a value that breaks a rule.
    func report(_ keyPath: String, _ reason: String) {
        ruleProblems.append(ConfigProblem(keyPath: keyPath, reason: reason))
    }

    /// Whether a problem was already reported at `keyPath`, e.g. a type mismatch that left the value `nil`.
    func hasProblem(at keyPath: String) -> Bool {
        shapeProblems.contains { $0.keyPath == keyPath } || ruleProblems.contains { $0.keyPath == keyPath }
    }

    /// Whether a problem was reported at `prefix` or under it.
    func hasProblem(under prefix: String) -> Bool {
        problems.contains { $0.keyPath.hasPrefix(prefix) }
    }

    /// `value`, or a "required" problem if it is missing (unless it is missing because it was mistyped).
    func required<T>(_ value: T?, _ keyPath: String) -> T? {
        if value == nil && !hasProblem(at: keyPath) {
            report(keyPath, "required but missing")
        }
        return value
    }

    /// `value` after checking it with `rule`, which returns the reason it is wrong.
    func checked(_ value: String?, _ keyPath: String, _ rule: (String) -> String?) -> String? {
        guard let value else { return nil }
        if let reason = rule(value) {
            report(keyPath, reason)
            return nil
        }
        return value
    }

    /// Checks each element of a list of names; a `null` element is usually an unquoted `#channel`, which YAML reads
    /// as a comment.
    func checkedList(_ written: [String?], _ keyPath: String, _ rule: (String) -> String?) -> [String] {
        var valid: [String] = []
        for (index, item) in written.enumerated() {
            guard let item else {
                report("\(keyPath)[\(index)]", YAMLHint.unquotedHash)
                continue
            }
            if let value = checked(item, "\(keyPath)[\(index)]", rule) { valid.append(value) }
        }
        return valid
    }

    /// The identity entries of a list (`people.commanders`, a team); each wrong entry is reported by its index.
    func identities(_ written: [String?], _ keyPath: String) -> [ChatIdentity] {
        var identities: [ChatIdentity] = []
        for (index, entry) in written.enumerated() {
            guard let entry else {
                report("\(keyPath)[\(index)]", "is empty; \(IdentityEntry.form)")
                continue
            }
            switch IdentityEntry.parse(entry) {
            case .success(let identity): identities.append(identity)
            case .failure(let invalid): report("\(keyPath)[\(index)]", invalid.reason)
            }
        }
        return identities
    }

    /// A duration that must be greater than 0: `written`, or `fallback` when the key is absent; 0 or less is
    /// reported at `keyPath` (and returned as it is: the load fails anyway).
    func positiveDuration(_ written: Duration?, or fallback: Duration, _ keyPath: String) -> Duration {
        let duration = written ?? fallback
        if duration <= .zero {
            report(keyPath, "must be greater than 0")
        }
        return duration
    }

    /// Two durations of one setting, each checked as ``positiveDuration(_:or:_:)``. With `ordered`, the second is
    /// a bound on the first (a backoff's first and longest delay) and may not be shorter; that is reported at the
    /// second key unless it already has a problem.
    func positiveDurations(
        _ written: (Duration?, Duration?), or defaults: (Duration, Duration), _ keyPaths: (String, String),
        ordered: Bool = false
    ) -> (Duration, Duration) {
        let first = positiveDuration(written.0, or: defaults.0, keyPaths.0)
        let second = positiveDuration(written.1, or: defaults.1, keyPaths.1)
        if ordered && second < first && !hasProblem(at: keyPaths.1) {
            report(keyPaths.1, "must be at least \(keyPaths.0) (\(first)), got \(second)")
        }
        return (first, second)
    }

    /// `sev1` to `sev4` (or `1` to `4`), else nil after reporting the problem at `keyPath`.
    func severity(_ text: String, _ keyPath: String) -> Severity? {
        guard let severity = Severity(parsing: text) else {
            report(keyPath, "must be one of sev1, sev2, sev3, sev4 (or 1 to 4), got \(IRCNameRules.quoted(text))")
            return nil
        }
        return severity
    }
}
