import SitrepCore
import Testing

@Suite struct IncidentSummaryTests {
    typealias F = Fixtures

    @Test func aFreshIncidentSaysItIsNotAcknowledged() {
        #expect(
            IncidentSummary.lines(for: F.incident()) == [
                "INC-4 [SEV2] Checkout returns 500s — investigating, lead: none, channel #inc-4",
                "declared 08:00:00 UTC by bob; not acknowledged",
            ]
        )
    }

    @Test func aWorkedIncidentShowsTimesFactsAndTheLatestUpdateOnSafeLines() {
        var incident = F.incident(.resolved)
        incident.priority = .p2
        incident.lead = F.alice
        incident.acknowledgedAt = F.at(seconds: 125)
        incident.acknowledgedBy = F.alice
        incident.mitigatedAt = F.at(seconds: 600)
        incident.resolvedAt = F.at(seconds: 3_600)
        incident.services = ["checkout", "payments"]
        incident.category = "network/dns"
        incident.roles = ["scribe": F.bob, "comms": F.alice]
        incident.publicStatus = "fixed\r\nQUIT"
        incident.publicStatusAt = F.at(seconds: 3_600)
        incident.resolution = "renewed cert"
        #expect(
            IncidentSummary.lines(for: incident) == [
                "INC-4 [SEV2 · P2] Checkout returns 500s — resolved, lead: alice, channel #inc-4",
                "declared 08:00:00 UTC by bob; acknowledged after 2m 5s by alice; mitigated after 10m; "
                    + "resolved after 1h",
                "services: checkout, payments · category: network/dns · roles: comms=alice, scribe=bob",
                "latest update (09:00:00): fixed QUIT",
                "resolution: renewed cert",
            ]
        )
    }
}
