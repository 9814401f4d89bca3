import SitrepCore

/// Reads and checks `timers:`, into ``SitrepConfig/Timers``: per-severity deadlines and reminders, SLA targets per
/// priority, the warning threshold and the roles that must be filled. Every duration must be positive: a zero
/// deadline would fire at the declaration.
enum TimersConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case warningThreshold = "warning_threshold"
        case requiredRoles = "required_roles"
        case sev1, sev2, sev3, sev4, sla
    }

    /// `timers.sevN:`.
    enum SeverityKey: String, CodingKey, CaseIterable {
        case acknowledge
        case updateEvery = "update_every"
        case commander, roles
        case closeReminder = "close_reminder"
        case quietCommander = "quiet_commander"
    }

    /// `timers.sla:`: targets per priority.
    enum PriorityKey: String, CodingKey, CaseIterable {
        case p1 = "P1", p2 = "P2", p3 = "P3", p4 = "P4", p5 = "P5"
    }

    /// `timers.sla.PN:`.
    enum TargetKey: String, CodingKey, CaseIterable {
        case response, resolution
    }

    /// - Parameter roles: `incidents.roles`, which `required_roles` must be taken from.
    static func read(_ timers: ConfigReader<Key>?, roles: [String]) -> SitrepConfig.Timers {
        guard let timers else { return SitrepConfig.Timers() }
        let writtenThreshold = timers.double(.warningThreshold)
        let requiredRoles = timers.stringList(.requiredRoles)
        let severityKeys: [(Key, Severity)] = [(.sev1, .sev1), (.sev2, .sev2), (.sev3, .sev3), (.sev4, .sev4)]
        let severities = severityKeys.compactMap { key, severity in
            timers.mapping(SeverityKey.self, key).map { (severity, $0) }
        }
        let sla = timers.mapping(PriorityKey.self, .sla)

        let threshold = writtenThreshold ?? SitrepConfig.Timers.defaultWarningThreshold
        if !(threshold > 0 && threshold < 1) {
            timers.report(.warningThreshold, "must be between 0 and 1 (exclusive), e.g. 0.8, got \(threshold)")
        }
        var bySeverity: [Severity: SeverityTimers] = [:]
        for (severity, reader) in severities {
            bySeverity[severity] = severityTimers(reader)
        }
        var slaByPriority: [Priority: SLATarget] = [:]
        for (key, priority) in zip(PriorityKey.allCases, Priority.allCases) {
            guard let target = sla?.mapping(TargetKey.self, key) else { continue }
            slaByPriority[priority] = slaTarget(target)
        }
        return SitrepConfig.Timers(
            warningThreshold: threshold,
            requiredRoles: self.requiredRoles(requiredRoles ?? [], roles: roles, timers.context),
            bySeverity: bySeverity,
            slaByPriority: slaByPriority
        )
    }

    private static func severityTimers(_ timers: ConfigReader<SeverityKey>) -> SeverityTimers {
        var durations: [SeverityKey: Duration] = [:]
        for key in SeverityKey.allCases {
            durations[key] = timers.duration(key)
        }
        for key in SeverityKey.allCases where durations[key].map({ $0 <= .zero }) == true {
            timers.report(key, "must be positive")
        }
        return SeverityTimers(
            acknowledgeDeadline: durations[.acknowledge],
            updateEvery: durations[.updateEvery],
            commanderDeadline: durations[.commander],
            roleDeadline: durations[.roles],
            closeReminderAfter: durations[.closeReminder],
            quietCommanderAfter: durations[.quietCommander]
        )
    }

    private static func slaTarget(_ target: ConfigReader<TargetKey>) -> SLATarget {
        let context = target.context
        let writtenResponse = target.duration(.response)
        let writtenResolution = target.duration(.resolution)
        let response = positive(context.required(writtenResponse, target.path(.response)), .response, target)
        let resolution = positive(context.required(writtenResolution, target.path(.resolution)), .resolution, target)
        if let response, let resolution, resolution < response {
            target.report(.resolution, "must be at least the response target")
        }
        return SLATarget(response: response ?? .zero, resolution: resolution ?? .zero)
    }

    private static func positive(_ duration: Duration?, _ key: TargetKey, _ target: ConfigReader<TargetKey>)
        -> Duration?
    {
        guard let duration else { return nil }
        if duration <= .zero {
            target.report(key, "must be positive")
            return nil
        }
        return duration
    }

    private static func requiredRoles(_ written: [String?], roles: [String], _ context: ConfigContext) -> [String] {
        let listed = roles.joined(separator: ", ")
        var required: [String] = []
        for (index, role) in written.enumerated() {
            let keyPath = "timers.required_roles[\(index)]"
            guard let role else {
                context.report(keyPath, "is empty; expected one of incidents.roles (\(listed))")
                continue
            }
            guard roles.contains(role) else {
                context.report(keyPath, "\(IRCNameRules.quoted(role)) is not one of incidents.roles (\(listed))")
                continue
            }
            if !required.contains(role) { required.append(role) }
        }
        return required
    }
}
