import SitrepCore

/// The configuration as the pure incident, permission and timer rules of `SitrepCore` take it.
extension SitrepConfig {
    /// The incident settings as the pure incident rules take them, on network ``ConfigDefaults/network``.
    public var incidentConfiguration: IncidentConfiguration {
        IncidentConfiguration(
            channelPrefix: incidents.channelPrefix,
            network: ConfigDefaults.network,
            defaultSeverity: incidents.defaultSeverity,
            roles: incidents.roles,
            priorityMatrix: incidents.priorityMatrix
        )
    }

    /// The configured people as rights; nick entries are left out unless nick identities are allowed.
    public var permissions: Permissions {
        let allowNicks = people.allowNickIdentities
        return Permissions(
            commanders: people.commanders.filter { allowNicks || $0.isAuthenticated },
            responders: people.responders.filter { allowNicks || $0.isAuthenticated },
            allowNickIdentities: allowNicks
        )
    }

    /// The escalation and timer settings as the pure timer planner takes them. Nick entries of teams and of
    /// `people.commanders` are left out unless nick identities are allowed, as in ``permissions``.
    public var timerPolicy: TimerPolicy {
        let allowNicks = people.allowNickIdentities
        var bySeverity: [Severity: EscalationPolicy] = [:]
        for (severity, name) in escalation.policyNameBySeverity {
            bySeverity[severity] = escalation.policies[name]
        }
        return TimerPolicy(
            escalationBySeverity: bySeverity,
            defaultEscalation: escalation.policies[Escalation.defaultPolicyName],
            timersBySeverity: timers.bySeverity,
            slaByPriority: timers.slaByPriority,
            warningThreshold: timers.warningThreshold,
            teams: escalation.teams.mapValues { $0.filter { allowNicks || $0.isAuthenticated } },
            commanders: permissions.commanders,
            requiredRoles: timers.requiredRoles
        )
    }
}
