import SitrepCore
import Testing

/// Report maths against a fixture whose every figure is worked out by hand in the comments.
@Suite struct IncidentReportTests {
    static let t0 = Timestamp(milliseconds: 1_800_000_000_000)
    static let minute: Int64 = 60_000
    static let day: Int64 = 86_400_000
    static let bob = Participant(identity: .account("bob"), nick: "bob")

    static func at(_ ms: Int64) -> Timestamp { t0.adding(.milliseconds(ms)) }

    static func incident(
        _ id: Int64, _ title: String, _ severity: Severity, _ priority: Priority?, _ category: String?,
        _ services: [String], declared: Int64, ack: Int64? = nil, resolved: Int64? = nil, state: IncidentState
    ) -> Incident {
        var incident = Incident(
            id: id, title: title, severity: severity, channel: ChatChannel(name: "#inc-\(id)"), declaredBy: bob,
            declaredAt: at(declared), state: state)
        incident.priority = priority
        incident.category = category
        incident.services = services
        incident.acknowledgedAt = ack.map { at(declared + $0) }
        incident.resolvedAt = resolved.map { at(declared + $0) }
        return incident
    }

    /// Period [t0, t0 + 30d). #5 is cancelled, #6 is before the period.
    static let input = ReportInput(
        incidents: [
            incident(1, "Checkout database connection errors", .sev1, .p1, "database", ["checkout"], declared: 0,
                ack: 2 * minute, resolved: 60 * minute, state: .closed),
            incident(2, "Database connection pool exhausted on checkout", .sev2, .p2, "database",
                ["checkout", "payments"], declared: day, ack: 10 * minute, resolved: 180 * minute, state: .closed),
            incident(3, "DNS resolution failing for api", .sev2, .p2, "network/dns", ["api"], declared: 2 * day,
                ack: 4 * minute, state: .investigating),
            incident(4, "Slow search results", .sev3, nil, nil, [], declared: 3 * day, ack: 30 * minute,
                resolved: 300 * minute, state: .resolved),
            incident(5, "False alarm", .sev3, .p1, nil, [], declared: 4 * day, state: .cancelled),
            incident(6, "Old one", .sev1, .p1, "database", ["checkout"], declared: -day, ack: minute, state: .closed),
            incident(7, "Payment API timeouts", .sev1, .p1, nil, [], declared: 5 * day, state: .investigating),
        ],
        activity: [
            .init(incidentID: 1, nick: "bob", kind: .ack), .init(incidentID: 1, nick: "alice", kind: .lead),
            .init(incidentID: 1, nick: "bob", kind: .note), .init(incidentID: 1, nick: "carol", kind: .note),
            .init(incidentID: 2, nick: "carol", kind: .ack), .init(incidentID: 2, nick: "carol", kind: .lead),
            .init(incidentID: 2, nick: "carol", kind: .note), .init(incidentID: 3, nick: "bob", kind: .ack),
            .init(incidentID: 3, nick: "Bob", kind: .note), .init(incidentID: 5, nick: "dave", kind: .note),
            .init(incidentID: 6, nick: "dave", kind: .note),
        ])

    static let sla: [Priority: SLATarget] = [
        .p1: SLATarget(response: .seconds(300), resolution: .seconds(4 * 3600)),
        .p2: SLATarget(response: .seconds(300), resolution: .seconds(2 * 3600)),
    ]

    /// Judged 3 minutes after #7 was declared.
    static let report = IncidentReport(
        input, from: t0, to: at(30 * day), sla: sla, asOf: at(5 * day + 3 * minute))

    @Test func countsLeaveOutCancelledAndOutOfPeriodIncidents() {
        // Counted: #1 #2 #3 #4 #7 = 5; open (not closed/cancelled): #3 #4 #7 = 3; cancelled: #5.
        #expect(Self.report.total == 5 && Self.report.open == 3 && Self.report.cancelled == 1)
        // SEV1: #1 #7; SEV2: #2 #3; SEV3: #4.
        #expect(Self.report.bySeverity.map { "\($0.key)=\($0.count)" } == ["SEV1=2", "SEV2=2", "SEV3=1"])
        // database: #1 #2; uncategorised: #4 #7; network/dns: #3 (ties by name).
        #expect(
            Self.report.byCategory.map { "\($0.key)=\($0.count)" } == ["database=2", "uncategorised=2", "network/dns=1"])
        // checkout: #1 #2; none: #4 #7; api: #3; payments: #2.
        #expect(
            Self.report.byService.map { "\($0.key)=\($0.count)" } == ["checkout=2", "none=2", "api=1", "payments=1"])
    }

    @Test func timeToAcknowledgeUsesNearestRankPercentiles() throws {
        // Acks: 2m, 10m, 4m, 30m (#7 not acknowledged) → sorted 120000, 240000, 600000, 1800000 ms.
        // mean = (120000 + 240000 + 600000 + 1800000) / 4 = 2760000 / 4 = 690000 (11m 30s)
        // median = p50: k = ⌈0.5·4⌉ = 2 → 240000; p90: k = ⌈0.9·4⌉ = ⌈3.6⌉ = 4 → 1800000
        let mtta = try #require(Self.report.timeToAcknowledge)
        #expect(mtta == DurationStats(count: 4, meanMs: 690_000, medianMs: 240_000, p90Ms: 1_800_000))
    }

    @Test func timeToResolveCountsOnlyResolvedIncidents() throws {
        // Resolved: #1 60m, #2 180m, #4 300m → 3600000, 10800000, 18000000 ms.
        // mean = 32400000 / 3 = 10800000; median: k = ⌈1.5⌉ = 2 → 10800000; p90: k = ⌈2.7⌉ = 3 → 18000000
        let mttr = try #require(Self.report.timeToResolve)
        #expect(mttr == DurationStats(count: 3, meanMs: 10_800_000, medianMs: 10_800_000, p90Ms: 18_000_000))
    }

    @Test func nearestRankOnSmallSets() {
        // n = 1: every percentile is the value; n = 10: p90 is the 9th, median the 5th.
        #expect(DurationStats(milliseconds: [7]) == DurationStats(count: 1, meanMs: 7, medianMs: 7, p90Ms: 7))
        let ten = DurationStats(milliseconds: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
        #expect(ten == DurationStats(count: 10, meanMs: 5, medianMs: 5, p90Ms: 9))  // mean 55/10 = 5 (toward zero)
        #expect(DurationStats(milliseconds: []) == nil)
    }

    @Test func slaAdherencePerPriority() {
        // P1 (5m / 4h): #1 ack 2m ≤ 5m met, resolved 60m ≤ 4h met; #7 3m old, unacknowledged → both pending.
        // P2 (5m / 2h): #2 ack 10m > 5m breached, resolved 3h > 2h breached; #3 ack 4m met, unresolved after
        //   3d 3m > 2h → breached. #4 has no priority; #5 is cancelled.
        #expect(
            Self.report.sla == [
                .init(
                    priority: "P1", responseMet: 1, responseBreached: 0, responsePending: 1, resolutionMet: 1,
                    resolutionBreached: 0, resolutionPending: 1),
                .init(
                    priority: "P2", responseMet: 1, responseBreached: 1, responsePending: 0, resolutionMet: 0,
                    resolutionBreached: 2, resolutionPending: 0),
            ])
        #expect(Self.report.sla[1].responsePercent == 50 && Self.report.sla[1].resolutionPercent == 0)
        #expect(Self.report.sla[0].responsePercent == 100)
    }

    @Test func recurringByCategoryServiceAndSimilarTitles() {
        // #1 {checkout database connection error} and #2 {database connection pool exhausted checkout} share
        // three words; #3 and #7 share only `api` (titles of 4 and 3 words): not similar.
        #expect(
            Self.report.recurring == [
                .init(kind: .category, key: "database", incidentIDs: [1, 2]),
                .init(kind: .service, key: "checkout", incidentIDs: [1, 2]),
                .init(kind: .title, key: "checkout connection database", incidentIDs: [1, 2]),
            ])
    }

    @Test func busiestRespondersCountAcksLeadsAndNotes() {
        // bob: acks #1 #3, notes #1 #3 (as Bob) = 4; carol: ack #2, lead #2, notes #1 #2 = 4; alice: lead #1 = 1.
        // dave's notes are on a cancelled and an out-of-period incident.
        #expect(Self.report.responders.map { "\($0.nick) \($0.acks)/\($0.leads)/\($0.notes)" } == [
            "bob 2/0/2", "carol 1/1/2", "alice 0/1/0",
        ])
    }

    @Test func chatLinesAreTwoOrThreeShortLines() {
        let lines = ReportFormatter.chatLines(Self.report, period: "30d")
        #expect(lines.count == 3)
        #expect(lines[0] == "last 30d: 5 incidents (SEV1 2, SEV2 2, SEV3 1), 3 open · top category: database (2) · top service: checkout (2)")
        #expect(lines[1] == "time to ack: mean 11m 30s, median 4m, p90 30m (n=4) · time to resolve: mean 3h, median 3h, p90 5h (n=3)")
        #expect(lines[2].hasPrefix("SLA P1 response 1/1 met (100%), resolution 1/1 met (100%), 2 pending; P2 response 1/2 met (50%)"))
        #expect(lines[2].hasSuffix("busiest: bob (4), carol (4), alice (1)"))
    }

    @Test func csvAndTextCarryTheSameFigures() {
        let csv = ReportFormatter.csv(Self.report)
        #expect(csv.hasPrefix("section,key,metric,value\n"))
        #expect(csv.contains("time_to_acknowledge,,mean_ms,690000\n"))
        #expect(csv.contains("sla,P2,resolution_breached,2\n"))
        #expect(csv.contains("recurring_title,checkout connection database,incidents,1 2\n"))
        let text = ReportFormatter.text(Self.report)
        #expect(text.contains("time to resolve: mean 3h, median 3h, p90 5h (n=3)"))
        #expect(text.contains("of them still open;") && !text.contains("not counted"))
    }

    @Test(arguments: [("7d", Int64(604_800)), ("24h", 86_400), ("2W", 1_209_600)])
    func periodsParse(text: String, seconds: Int64) {
        #expect(ReportPeriod.parse(text) == .seconds(seconds))
    }
}
