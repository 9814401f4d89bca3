import SitrepCore
import Testing

@Suite struct SuggestionsTests {
    static func past(_ id: Int64, _ title: String, category: String? = nil, services: [String] = [], resolution: String)
        -> Incident
    {
        var incident = Incident(
            id: id, title: title, severity: .sev2, channel: ChatChannel(name: "#inc-\(id)"), declaredBy: Fixtures.bob,
            declaredAt: Fixtures.at(seconds: id), state: .closed)
        incident.category = category
        incident.services = services
        incident.resolution = resolution
        return incident
    }

    static func solution(_ id: Int64, _ text: String, category: String? = nil, services: [String] = []) -> Solution {
        Solution(
            id: id, incidentID: 1, text: text, category: category, services: services, createdAt: Fixtures.at(seconds: id),
            createdBy: Fixtures.bob)
    }

    static var current: Incident {
        var incident = Fixtures.incident()  // "Checkout returns 500s", #4
        incident.services = ["checkout"]
        return incident
    }

    @Test func titleWordsAndSharedServicesRankFirstAndAtMostThreeAreKept() {
        let candidates = SuggestionCandidates(
            incidents: [
                Self.past(1, "checkout 500s after deploy", services: ["checkout"], resolution: "rolled back deploy"),
                Self.past(2, "search slow", resolution: "added index"),
                Self.past(3, "Checkout returns 500s for EU", resolution: "restarted pods"),
                Self.past(4, "payments down", services: ["payments"], resolution: "x"),
            ],
            solutions: [
                Self.solution(2, "restart the payment workers", services: ["checkout"]),
                Self.solution(3, "unrelated", category: "network"),
            ])
        let ranked = Suggestions.rank(for: Self.current, candidates)
        // INC-3: 3 shared words (checkout return 500) = 6; INC-1: 2 words + service = 5.5;
        // solution #2: service 1.5 + 1 = 2.5; INC-2 and INC-4 share nothing; the network solution does not match.
        #expect(ranked.map(\.score) == [6, 5.5, 2.5])
        #expect(
            Suggestions.lines(ranked) == [
                "similar: INC-3 \"Checkout returns 500s for EU\" → restarted pods; INC-1 \"checkout 500s after deploy\" → "
                    + "rolled back deploy; solution #2 for checkout: restart the payment workers"
            ])
    }

    @Test func theIncidentItselfAndWeakMatchesAreLeftOut() {
        let candidates = SuggestionCandidates(incidents: [Self.past(4, "Checkout returns 500s", resolution: "x")])
        #expect(Suggestions.rank(for: Self.current, candidates).isEmpty)
        #expect(Suggestions.lines([]).isEmpty)
    }

    @Test func sameTopLevelCategoryCountsHalf() {
        var incident = Self.current
        incident.category = "network/dns"
        let ranked = Suggestions.rank(
            for: incident,
            SuggestionCandidates(solutions: [
                Self.solution(1, "flush resolvers", category: "network/dns"),
                Self.solution(2, "check the LB", category: "network"),
            ]))
        #expect(ranked.map(\.score) == [4, 2.5])
    }
}
