import Foundation
import SitrepCore
import SitrepTestSupport
import Testing

/// The typed timeline detail: each case's stored text pinned to what sitrep has always written (the stores keep it
/// and the chain hashes it), decoding back to the same case, and any other text kept as it was.
@Suite struct TimelineDetailTests {
    /// Every case, with the text written for it before the detail was typed.
    static let pinned: [(TimelineDetail, String)] = [
        (.declare(severity: .sev2, state: .investigating), "declare severity=SEV2 state=investigating"),
        (.acknowledged, "ack=first"),
        (.acknowledgedAgain, "ack=repeat"),
        (.state(from: .investigating, to: .mitigated, how: nil), "state=investigating->mitigated"),
        (.state(from: .investigating, to: .mitigated, how: .workaround), "state=investigating->mitigated workaround"),
        (.state(from: .resolved, to: .investigating, how: .reopen), "state=resolved->investigating reopen"),
        (.severity(from: .sev3, to: .sev1), "severity=SEV3->SEV1"),
        (.priority(from: nil, to: .p2, impact: .high, urgency: .medium), "priority=none->P2 impact=high urgency=medium"),
        (.priority(from: .p2, to: .p1, impact: .high, urgency: .high), "priority=P2->P1 impact=high urgency=high"),
        (.category(from: "none", to: "network/dns"), "category=none->network/dns"),
        (.services(["checkout", "payments"]), "services=checkout,payments"),
        (.services([]), "services="),
        (.lead(from: "none", to: "alice"), "lead=none->alice"),
        (.role("scribe", from: "none", to: "bob"), "role=scribe:none->bob"),
        (.escalatedToTier(2), "escalate=tier2"),
        (.escalatedTo("dba team"), "escalate=target:dba team"),
        (.containment, "contain"), (.update, "update"), (.note, "note"), (.solution, "solution"),
        (.factor, "factor"), (.lesson, "lesson"), (.cause, "cause"),
        (.mark("bob"), "mark=bob"),
        (.followup(owner: nil), "followup"),
        (.followup(owner: "carol"), "followup owner=carol"),
        (.followupDone(3), "followup-done=3"),
        (.reminder("30m"), "remind=30m"),
        (.snooze("1h"), "snooze=1h"),
        (.refused(.resolve), "refused=resolve"),
        (.refused(.severity), "refused=sev"),
        (.rightsPaged, "rights=paged"),
        (.handoffOffer("carol"), "handoff-offer=carol"),
        (.onCallOverride(schedule: "primary", person: "alice", id: 7), "oncall-override schedule=primary person=alice id=7"),
        (.timer(.commanderMissing, key: "lead", fired: nil), "timer=commanderMissing/lead"),
        (.timer(.escalation, key: "tier-2", fired: .escalatedToTier(2)), "escalate=tier2 timer=escalation/tier-2"),
        (
            .timer(.quietCommander, key: "backup-17", fired: .handoffOffer("carol")),
            "handoff-offer=carol timer=quietCommander/backup-17"
        ),
        (.event("$abc:example.org"), "event=$abc:example.org"),
        (.edit(of: "$m"), "edit of $m"),
        (.redaction(of: "$m"), "redaction of $m"),
        (
            .gap(from: Timestamp(milliseconds: 1_763_973_360_000), to: Timestamp(milliseconds: 1_763_973_400_000)),
            "gap from=1763973360000 to=1763973400000"
        ),
        (
            .alert(id: 17, status: .firing, source: "prometheus", fingerprint: "a1b2"),
            "alert id=17 status=firing source=prometheus fingerprint=a1b2"
        ),
        (.other("bob"), "bob"),
    ]

    @Test func everyCaseEncodesToTheTextWrittenBeforeAndDecodesBack() {
        for (detail, text) in Self.pinned {
            #expect(detail.encoded == text)
            #expect(TimelineDetail(text) == detail, "\(text)")
        }
    }

    @Test func literalsDecodeLikeStoredText() {
        let literal: TimelineDetail = "lead=alice->bob"
        #expect(literal == .lead(from: "alice", to: "bob"))
        #expect(literal.description == "lead=alice->bob")
    }

    @Test(arguments: [
        "", " ", "state=investigating->nowhere", "state=investigating->mitigated sideways", "ack=maybe",
        "escalate=tierX", "escalate=sideways", "severity=SEV9->SEV1", "severity=1->2", "priority=P9->P1 impact=high urgency=high",
        "priority=none->P1 impact=h urgency=high", "followup-done=three", "timer=unknownKind/x", "timer=escalation",
        "declare severity=SEV2", "declare severity=SEV2 state=investigating extra", "gap from=1 to=x",
        "alert id=1 status=firing", "oncall-override schedule=a person=b", "refused=fly", "rights=revoked",
        "contain ", "Note", "state: investigating", "kick target", "lead=alice", "role=scribe",
        "escalate=tier2 timer=escalation/tier-2 timer=escalation/tier-3", "edit of", "a\u{0}b", "é=ü",
    ])
    func anyOtherTextIsKeptAsItWas(text: String) {
        let detail = TimelineDetail(text)
        #expect(detail.encoded == text)
        if case .other = detail {} else { Issue.record("\(text) read as \(detail)") }
    }

    @Test func arbitraryTextRoundTripsByteForByte() {
        var generator = SplitMix64(seed: 19)
        let pieces = ["state=", "->", "lead=", " timer=", "escalation/", "tier", "ack=", "first", "=", " ", ",", ":",
            "none", "SEV1", "P2", "high", "declare", "severity=", "é", "\u{0}", "\r\n", "x", "7"]
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let detail = TimelineDetail(text)
            #expect(Array(detail.encoded.utf8) == Array(text.utf8), "\(text.debugDescription)")
            #expect(TimelineDetail(detail.encoded) == detail)
        }
    }

    @Test func codableAsItsStoredText() throws {
        let entry = TimelineEntry(
            incidentID: 1, time: Timestamp(milliseconds: 5), kind: .lifecycle, author: "a", text: "t",
            detail: .timer(.escalation, key: "tier-2", fired: .escalatedToTier(2)))
        let json = try JSONEncoder().encode(entry)
        #expect(String(decoding: json, as: UTF8.self).contains(#""detail":"escalate=tier2 timer=escalation\/tier-2""#))
        #expect(try JSONDecoder().decode(TimelineEntry.self, from: json) == entry)
    }

    @Test func actionIsWhatATimerFiringDid() {
        let fired: TimelineDetail = "escalate=tier2 timer=escalation/tier-2"
        #expect(fired.isTimer && fired.action == .escalatedToTier(2))
        #expect(TimelineDetail("timer=sla/response-breach").action == nil)
        #expect(TimelineDetail.acknowledged.action == .acknowledged && !TimelineDetail.acknowledged.isTimer)
    }
}
