import SitrepCore

/// `/service <name> [name…]`: set the affected services (replaces the list; commas work as separators too).
public enum ServiceCommand: ChatCommand {
    public static let name = "service"
    public static let aliases = ["services"]
    public static let summary = "set the affected services"
    public static let usage = "/service <name> [name…]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("checkout", .services(["checkout"])),
        CommandExample("checkout payments, search", .services(["checkout", "payments", "search"])),
        CommandExample("api api", .services(["api"])),
        .invalid(""), .invalid(" , "),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        var services: [String] = []
        for name in arguments.split(whereSeparator: { ArgumentText.isSpace($0) || $0 == "," })
        where !services.contains(String(name)) {
            services.append(String(name))
        }
        return services.isEmpty ? .failure(usageError("name at least one service")) : .success(.services(services))
    }
}
