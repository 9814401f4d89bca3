import SitrepCore
import Testing

/// What counts as responder activity and past incidents: the rules both stores call after their SQL selected rows.
@Suite struct ResponderActivityCandidateTests {
    func candidate(_ incident: Int64, _ seq: Int64, _ kind: TimelineEntry.Kind, _ author: String, _ detail: TimelineDetail?)
        -> ResponderActivityCandidate
    {
        ResponderActivityCandidate(incidentID: incident, sequence: seq, kind: kind.rawValue, author: author, detail: detail)
    }

    @Test func activityIsDecidedAndOrderedHereWhateverOrderTheStoreRead() {
        let candidates = [
            candidate(2, 3, .note, "carol", .note),
            candidate(1, 9, .lifecycle, "alice", .lead(from: "alice", to: "bob")),
            candidate(1, 2, .lifecycle, "alice", .acknowledged),
            candidate(1, 4, .lifecycle, "dave", .acknowledgedAgain),
            candidate(1, 5, .lifecycle, "alice", .lead(from: "bob", to: "none")),
            candidate(1, 6, .lifecycle, "alice", .other("lead=")),
            candidate(1, 7, .lifecycle, "alice", .escalatedToTier(2)),
            candidate(2, 1, .note, "erin", nil),
        ]
        let activity = ResponderActivity.activity(from: candidates).map { "\($0.incidentID) \($0.kind) \($0.nick)" }
        #expect(activity == ["1 ack alice", "1 lead bob", "2 note erin", "2 note carol"])
    }

    @Test func theSelectionValuesAreTheEncodingsTheRuleReads() {
        #expect(ResponderActivity.candidateKind == "note")
        #expect(ResponderActivity.candidateDetail == "ack=first")
        #expect(TimelineDetail.lead(from: "a", to: "b").encoded.hasPrefix(ResponderActivity.candidateDetailPrefix))
        #expect(!TimelineDetail.acknowledgedAgain.encoded.hasPrefix(ResponderActivity.candidateDetailPrefix))
    }

    @Test func pastIncidentsAreResolvedOrClosed() {
        #expect(PastIncidents.storedStates == ["resolved", "closed"])
    }

    @Test func suggestionCandidatesMergeEachIncidentOnceByID() {
        func incident(_ id: Int64) -> Incident {
            Incident(
                id: id, title: "t\(id)", severity: .sev2, channel: ChatChannel(network: "n", name: "#i\(id)"),
                declaredBy: Participant(identity: .nick("a", network: "n"), nick: "a"), declaredAt: Timestamp(milliseconds: 0))
        }
        let merged = SuggestionCandidates(
            titleMatches: [incident(7), incident(3)], classified: [incident(3), incident(1)], solutions: [])
        #expect(merged.incidents.map(\.id) == [1, 3, 7])
    }
}
