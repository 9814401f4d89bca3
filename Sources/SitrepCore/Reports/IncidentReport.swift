/// The figures of a period, computed from stored timestamps only. Pure; `ReportFormatter` renders it.
///
/// Counting rules:
/// - The period is `[from, to)`; an incident belongs to it when it was declared in it.
/// - Cancelled incidents (declared by mistake) are counted in `cancelled` and left out of everything else.
/// - Time to acknowledge: declaration → first ack, over the acknowledged incidents. Time to resolve:
///   declaration → resolution, over the incidents resolved now (a reopened incident counts once it is resolved
///   again). Statistics as in `DurationStats` (nearest-rank percentiles).
/// - SLA (per priority with a target in `TimerPolicy.slaByPriority`, incidents without a priority are not
///   counted): response met when acknowledged within the target, breached when acknowledged later or not
///   acknowledged and older than the target at `asOf`, else pending; resolution the same with the resolution.
///   Adherence = met / (met + breached).
/// - Recurring: ≥ 2 incidents with the same category, or the same service, or similar titles (see
///   `IncidentReport+Recurring`).
/// - Busiest responders: first acks, lead hand-overs received and notes, per person (IRC case-insensitive).
public struct IncidentReport: Sendable, Equatable, Codable {
    /// A count under a name (`SEV2`, `database`, `checkout`).
    public struct Count: Sendable, Equatable, Codable {
        public var key: String
        public var count: Int

        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    public struct SLAAdherence: Sendable, Equatable, Codable {
        public var priority: String
        public var responseMet = 0, responseBreached = 0, responsePending = 0
        public var resolutionMet = 0, resolutionBreached = 0, resolutionPending = 0

        public init(
            priority: String, responseMet: Int = 0, responseBreached: Int = 0, responsePending: Int = 0,
            resolutionMet: Int = 0, resolutionBreached: Int = 0, resolutionPending: Int = 0
        ) {
            self.priority = priority
            (self.responseMet, self.responseBreached, self.responsePending) = (responseMet, responseBreached, responsePending)
            (self.resolutionMet, self.resolutionBreached, self.resolutionPending) =
                (resolutionMet, resolutionBreached, resolutionPending)
        }

        /// Percent of decided responses met, nil when none is decided yet.
        public var responsePercent: Double? { Self.percent(responseMet, responseBreached) }
        public var resolutionPercent: Double? { Self.percent(resolutionMet, resolutionBreached) }

        static func percent(_ met: Int, _ breached: Int) -> Double? {
            met + breached == 0 ? nil : Double(met) * 100 / Double(met + breached)
        }
    }

    public struct RecurringGroup: Sendable, Equatable, Codable {
        public enum Kind: String, Sendable, Codable {
            case category, service, title
        }

        public var kind: Kind
        /// The category, the service, or the title words the incidents share.
        public var key: String
        public var incidentIDs: [Int64]

        public init(kind: Kind, key: String, incidentIDs: [Int64]) {
            self.kind = kind
            self.key = key
            self.incidentIDs = incidentIDs
        }
    }

    public struct Responder: Sendable, Equatable, Codable {
        public var nick: String
        public var acks = 0, leads = 0, notes = 0
        public var total: Int { acks + leads + notes }

        public init(nick: String, acks: Int = 0, leads: Int = 0, notes: Int = 0) {
            self.nick = nick
            (self.acks, self.leads, self.notes) = (acks, leads, notes)
        }
    }

    /// ISO 8601, UTC.
    public var from: String
    public var to: String
    public var total: Int
    public var open: Int
    public var cancelled: Int
    public var bySeverity: [Count]
    public var byCategory: [Count]
    public var byService: [Count]
    public var timeToAcknowledge: DurationStats?
    public var timeToResolve: DurationStats?
    public var sla: [SLAAdherence]
    public var recurring: [RecurringGroup]
    public var responders: [Responder]

    /// The report of `input` over `[from, to)`, SLA states judged at `asOf`.
    public init(
        _ input: ReportInput, from: Timestamp, to: Timestamp, sla targets: [Priority: SLATarget], asOf: Timestamp
    ) {
        let inPeriod = input.incidents.filter { $0.declaredAt >= from && $0.declaredAt < to }
        let counted = inPeriod.filter { $0.state != .cancelled }.sorted { $0.id < $1.id }
        let ids = Set(counted.map(\.id))
        self.from = from.description
        self.to = to.description
        total = counted.count
        open = counted.filter(\.isOpen).count
        cancelled = inPeriod.count - counted.count
        bySeverity = Severity.allCases.compactMap { severity in
            let count = counted.filter { $0.severity == severity }.count
            return count == 0 ? nil : Count(key: "\(severity)", count: count)
        }
        byCategory = Self.tally(counted.map { [$0.category ?? "uncategorised"] })
        byService = Self.tally(counted.map { $0.services.isEmpty ? ["none"] : $0.services })
        timeToAcknowledge = DurationStats(
            milliseconds: counted.compactMap { i in i.acknowledgedAt.map { $0.milliseconds - i.declaredAt.milliseconds } })
        timeToResolve = DurationStats(
            milliseconds: counted.compactMap { i in i.resolvedAt.map { $0.milliseconds - i.declaredAt.milliseconds } })
        sla = Self.adherence(counted, targets: targets, asOf: asOf)
        recurring = Self.recurring(counted)
        responders = Self.responders(input.activity.filter { ids.contains($0.incidentID) })
    }

    /// Counts per name (each incident once per name it has), most first, then by name.
    static func tally(_ names: [[String]]) -> [Count] {
        var counts: [String: Int] = [:]
        for list in names {
            for name in Set(list) { counts[name, default: 0] += 1 }
        }
        return counts.map { Count(key: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
    }

    static func adherence(_ incidents: [Incident], targets: [Priority: SLATarget], asOf: Timestamp) -> [SLAAdherence] {
        Priority.allCases.compactMap { priority in
            guard let target = targets[priority] else { return nil }
            let matching = incidents.filter { $0.priority == priority }
            guard !matching.isEmpty else { return nil }
            var row = SLAAdherence(priority: "\(priority)")
            for incident in matching {
                switch judge(incident.declaredAt, incident.acknowledgedAt, target.response, asOf) {
                case .met: row.responseMet += 1
                case .breached: row.responseBreached += 1
                case .pending: row.responsePending += 1
                }
                switch judge(incident.declaredAt, incident.resolvedAt, target.resolution, asOf) {
                case .met: row.resolutionMet += 1
                case .breached: row.resolutionBreached += 1
                case .pending: row.resolutionPending += 1
                }
            }
            return row
        }
    }

    private enum Verdict { case met, breached, pending }

    private static func judge(_ start: Timestamp, _ done: Timestamp?, _ target: Duration, _ asOf: Timestamp)
        -> Verdict
    {
        let deadline = start.adding(target)
        if let done { return done <= deadline ? .met : .breached }
        return asOf > deadline ? .breached : .pending
    }

    static func responders(_ activity: [ResponderActivity]) -> [Responder] {
        var byKey: [String: Responder] = [:]
        for item in activity where !item.nick.isEmpty {
            let key = IRCCase.fold(item.nick)
            var responder = byKey[key] ?? Responder(nick: item.nick)
            switch item.kind {
            case .ack: responder.acks += 1
            case .lead: responder.leads += 1
            case .note: responder.notes += 1
            }
            byKey[key] = responder
        }
        return byKey.values.sorted { $0.total != $1.total ? $0.total > $1.total : $0.nick < $1.nick }
    }
}
