import SitrepCore

/// Search, standard solutions, suggestions and `/stats`: the coordinator's side of the knowledge base.
extension IncidentCoordinator {
    /// The store's knowledge side.
    var knowledge: any KnowledgeStore { store }

    /// The read-only commands' answers.
    var queries: CommandQueries {
        CommandQueries(store: store, writer: writer, settings: settings, timers: timers, clock: clock)
    }

    /// `/solution`, after its timeline entry is committed: stores it and names its number.
    func recordSolution(_ text: String, in incident: Incident, from event: ChatEvent, replies: [String]) async throws
        -> [String]
    {
        let solution = try await knowledge.addSolution(
            incidentID: incident.id, text: text, createdBy: event.sender, at: event.time)
        let scope = solution.category == nil && solution.services.isEmpty
            ? " (set \(command: "category") or \(command: "service") so it is suggested for similar incidents)" : ""
        return ["solution #\(solution.id) recorded for \(ChatText.oneLine(solution.scope, limit: 80))\(scope)"]
    }

    /// Posts the best past incidents and solutions for `incident` in its channel (nothing when none fits).
    /// A failure is logged, never shown: suggestions are a help, not part of the command.
    func suggest(for incident: Incident) async {
        do {
            let candidates = try await knowledge.suggestionCandidates(for: incident, limit: 20)
            let lines = Suggestions.lines(Suggestions.rank(for: incident, candidates))
            await say(lines, to: incident.channel.name, recordingIn: incident.id)
        } catch {
            logger.warning("suggestions failed", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
        }
    }
}
