import SitrepCore

/// `/roles`: who holds which role in this incident.
public enum RolesCommand: ChatCommand {
    public static let name = "roles"
    public static let summary = "show who holds which role"
    public static let usage = "/roles [incident]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .roles), CommandExample("2", .about(incident: 2, .roles)), .invalid("comms")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        optionalIncident(arguments, .roles)
    }
}
