import SitrepCore
import SitrepWeb
import Testing

/// The allow-list that decides what stakeholders see, checked for every entry kind.
@Suite struct PublicTimelineTests {
    private func entry(_ kind: TimelineEntry.Kind, detail: String? = nil) -> TimelineEntry {
        TimelineEntry(
            incidentID: 1, time: Timestamp(milliseconds: 0), kind: kind, author: "bob", text: "x", detail: detail.map { TimelineDetail($0) },
            isKeyEvent: true)
    }

    @Test(arguments: TimelineEntry.Kind.allCases)
    func onlyUpdatesAndLifecycleEntriesCanBePublic(kind: TimelineEntry.Kind) {
        let isPublic = PublicTimeline.isPublic(entry(kind, detail: "state=investigating->mitigated"))
        #expect(isPublic == (kind == .update || kind == .lifecycle), "\(kind)")
    }

    @Test(arguments: [
        ("declare severity=SEV2 state=investigating", "declared"), ("ack=first", "acknowledged"),
        ("state=investigating->mitigated workaround", "state"), ("severity=SEV3->SEV1", "severity"),
        ("lead=none->alice", "lead"), ("priority=none->P1 impact=high urgency=high", "priority"),
        ("category=none->network", "category"), ("services=checkout,payments", "services"),
    ])
    func lifecycleActionsThatTellWhereAnIncidentStandsArePublic(detail: String, event: String) {
        #expect(PublicTimeline.event(of: entry(.lifecycle, detail: detail)) == event)
        #expect(PublicTimeline.isPublic(entry(.lifecycle, detail: detail)))
    }

    @Test(arguments: [
        "ack=repeat", "escalate=tier2 timer=escalation/1", "timer=update/cadence", "contain", "cause",
        "followup owner=bob", "followup-done=3", "remind=15m", "snooze=30m", "role=comms:none->carol",
        "handoff-offer=dave", "refused=close", "", "stateful=x",
    ])
    func otherLifecycleActionsStayInternal(detail: String) {
        #expect(!PublicTimeline.isPublic(entry(.lifecycle, detail: detail)), "\(detail)")
        #expect(PublicTimeline.history([entry(.lifecycle, detail: detail)]).isEmpty)
    }

    @Test func lifecycleWithoutDetailStaysInternal() {
        #expect(!PublicTimeline.isPublic(entry(.lifecycle)))
    }

    @Test func historyAndUpdatesKeepOrderAndKind() {
        let entries = [
            entry(.lifecycle, detail: "declare severity=SEV2 state=investigating"), entry(.message),
            entry(.update), entry(.note), entry(.lifecycle, detail: "state=investigating->resolved"), entry(.update),
        ]
        #expect(PublicTimeline.history(entries).map(\.detail) == [entries[0].detail, entries[4].detail])
        #expect(PublicTimeline.updates(entries).count == 2)
    }
}
