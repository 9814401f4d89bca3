import SitrepCore

/// `timers:`: per-severity deadlines and reminders, SLA targets per priority, the warning threshold and the roles
/// that must be filled. Every duration must be positive: a zero deadline would fire at the declaration.
extension ConfigValidator {
    mutating func validateTimers(_ raw: RawTimers?, roles: [String]) -> SitrepConfig.Timers {
        guard let raw else { return SitrepConfig.Timers() }
        let threshold = raw.warningThreshold ?? SitrepConfig.Timers.defaultWarningThreshold
        if !(threshold > 0 && threshold < 1) {
            report("timers.warning_threshold", "must be between 0 and 1 (exclusive), e.g. 0.8, got \(threshold)")
        }
        var bySeverity: [Severity: SeverityTimers] = [:]
        for severity in Severity.allCases {
            guard let timers = raw.bySeverity[severity] else { continue }
            bySeverity[severity] = validateSeverityTimers(timers, "timers.sev\(severity.rawValue)")
        }
        var slaByPriority: [Priority: SLATarget] = [:]
        for priority in Priority.allCases {
            guard let target = raw.sla?.byPriority[priority] else { continue }
            slaByPriority[priority] = validateSLATarget(target, "timers.sla.\(priority)")
        }
        return SitrepConfig.Timers(
            warningThreshold: threshold,
            requiredRoles: validateRequiredRoles(raw.requiredRoles ?? [], roles: roles),
            bySeverity: bySeverity,
            slaByPriority: slaByPriority
        )
    }

    private mutating func validateSeverityTimers(_ raw: RawSeverityTimers, _ keyPath: String) -> SeverityTimers {
        func duration(_ key: RawSeverityTimers.CodingKeys) -> Duration? {
            raw.durations[key]
        }
        for key in RawSeverityTimers.CodingKeys.allCases where raw.durations[key].map({ $0 <= .zero }) == true {
            report("\(keyPath).\(key.stringValue)", "must be positive")
        }
        return SeverityTimers(
            acknowledgeDeadline: duration(.acknowledge),
            updateEvery: duration(.updateEvery),
            commanderDeadline: duration(.commander),
            roleDeadline: duration(.roles),
            closeReminderAfter: duration(.closeReminder),
            quietCommanderAfter: duration(.quietCommander)
        )
    }

    private mutating func validateSLATarget(_ raw: RawSLATarget, _ keyPath: String) -> SLATarget {
        let response = positiveDuration(required(raw.response, "\(keyPath).response"), "\(keyPath).response")
        let resolution = positiveDuration(required(raw.resolution, "\(keyPath).resolution"), "\(keyPath).resolution")
        if let response, let resolution, resolution < response {
            report("\(keyPath).resolution", "must be at least the response target")
        }
        return SLATarget(response: response ?? .zero, resolution: resolution ?? .zero)
    }

    private mutating func positiveDuration(_ duration: Duration?, _ keyPath: String) -> Duration? {
        guard let duration else { return nil }
        if duration <= .zero {
            report(keyPath, "must be positive")
            return nil
        }
        return duration
    }

    private mutating func validateRequiredRoles(_ raw: [String?], roles: [String]) -> [String] {
        let listed = roles.joined(separator: ", ")
        var required: [String] = []
        for (index, role) in raw.enumerated() {
            let keyPath = "timers.required_roles[\(index)]"
            guard let role else {
                report(keyPath, "is empty; expected one of incidents.roles (\(listed))")
                continue
            }
            guard roles.contains(role) else {
                report(keyPath, "\(IRCNameRules.quoted(role)) is not one of incidents.roles (\(listed))")
                continue
            }
            if !required.contains(role) { required.append(role) }
        }
        return required
    }
}
