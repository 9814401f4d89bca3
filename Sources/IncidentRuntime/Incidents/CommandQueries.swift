import SitrepCore

/// The answers to the commands that only read (`!status`, `!timeline`, `!roles`, `!timers`, `!pages`,
/// `!postmortem`, `!search`, `!stats`): from the store and the armed timers, changing nothing, so the coordinator
/// only says what they return.
struct CommandQueries: Sendable {
    let store: any IncidentStore
    let writer: TimelineWriter
    let settings: CoordinatorSettings
    /// The armed deadlines; nil when timers are off.
    let timers: TimerService?
    let clock: @Sendable () -> Timestamp

    /// Hits shown for `/search`; more would flood the channel.
    static let searchReplyLimit = 5

    /// The reply to a query about `incident` (`!status`, `!timeline`, `!roles`, `!timers`, `!pages`,
    /// `!postmortem`); nothing for any other intent.
    func answer(_ intent: IncidentIntent, about incident: Incident) async throws -> [String] {
        switch intent {
        case .status:
            return IncidentSummary.lines(for: incident)
        case .timeline(let limit):
            let entries = try await store.timeline(incidentID: incident.id, limit: limit ?? 10, keyEventsOnly: true)
            return QueryReplies.timeline(entries, of: incident)
        case .roles:
            return [QueryReplies.roles(of: incident, known: settings.incidents.roles)]
        case .timers:
            return describeTimers(of: incident)
        case .pages:
            return PageText.list(try await store.pageAttempts(incidentID: incident.id), of: incident)
        case .postmortem:
            return try await reviewSummary(of: incident)
        default:
            return []
        }
    }

    /// `/search`: a header and up to five hits, best first.
    func searchReplies(_ request: SearchRequest) async throws -> [String] {
        let hits = try await store.search(
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
        let input = try await store.reportInput(from: from, to: now.adding(.milliseconds(1)))
        let report = IncidentReport(
            input, from: from, to: now.adding(.milliseconds(1)), sla: settings.timerPolicy.slaByPriority, asOf: now)
        return ReportFormatter.chatLines(report, period: ReportPeriod.format(period))
    }

    /// `/timers`: what is pending for the incident and when.
    func describeTimers(of incident: Incident) -> [String] {
        guard let timers else { return ["timers are not running"] }
        let pending = timers.timers(of: incident.id)
        guard !pending.isEmpty else { return ["INC-\(incident.id): no timers pending"] }
        return TimerPlanner.describe(pending, now: clock())
    }

    /// The `/postmortem` reply: the review built from the key events and follow-ups, in three lines.
    ///
    /// Reads key events only (the chat summary does not need the transcript); waits for pending transcript
    /// writes first so a factor or note recorded a moment ago is counted.
    func reviewSummary(of incident: Incident) async throws -> [String] {
        try await writer.drain()
        let entries = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: true)
        let followUps = try await store.followUps(incidentID: incident.id, openOnly: false)
        let document = ReviewDocument(
            incident: incident, timeline: entries, followUps: followUps, generatedAt: clock())
        return document.chatSummary()
    }
}
