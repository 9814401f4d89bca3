import SitrepCore

/// Search, standard solutions, suggestions and `/stats`: the coordinator's side of the knowledge base.
extension IncidentCoordinator {
    /// Hits shown for `/search`; more would flood the channel.
    static let searchReplyLimit = 5

    /// The store's knowledge side.
    var knowledge: any KnowledgeStore { store }

    /// `/search`: a header and up to five hits, best first.
    func searchReplies(_ request: SearchRequest) async throws -> [String] {
        let hits = try await knowledge.search(
            query: request.words, filter: request.filter(now: clock()), limit: Self.searchReplyLimit + 1,
            includeTranscripts: request.includeTranscripts)
        let words = ChatText.oneLine(request.words, limit: 60)
        guard !hits.isEmpty else { return ["no incidents match \(words)"] }
        let shown = hits.prefix(Self.searchReplyLimit)
        let more = hits.count > shown.count ? " (best \(shown.count) shown; narrow with category:, service:, sev:, since:)" : ""
        return ["incidents matching \(words)\(more):"] + shown.map(\.line)
    }

    /// `/stats [period]`: 2–3 lines over the last `period`.
    func statsReplies(period: Duration) async throws -> [String] {
        let now = clock()
        let from = now.adding(.zero - period)
        let input = try await knowledge.reportInput(from: from, to: now.adding(.milliseconds(1)))
        let report = IncidentReport(
            input, from: from, to: now.adding(.milliseconds(1)), sla: settings.timerPolicy.slaByPriority, asOf: now)
        return ReportFormatter.chatLines(report, period: ReportPeriod.format(period))
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

extension IncidentIntent {
    /// Classifying an incident may bring up past incidents and solutions worth suggesting.
    var asksForSuggestions: Bool {
        switch self {
        case .category, .services: true
        default: false
        }
    }
}
