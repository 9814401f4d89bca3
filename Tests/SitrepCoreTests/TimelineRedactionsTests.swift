import SitrepCore
import Testing

/// Redacted chat lines are shown as `[redacted]`; everything else, the redaction entry included, as stored.
@Suite struct TimelineRedactionsTests {
    let at = Timestamp(milliseconds: 1_764_000_000_000)

    func line(_ text: String, detail: String?) -> TimelineEntry {
        TimelineEntry(incidentID: 1, time: at, kind: .message, author: "alice", text: text, detail: detail.map { TimelineDetail($0) })
    }

    @Test func onlyTheEventARedactionNamesIsHidden() {
        let secret = line("the token is hunter2", detail: "event=$secret")
        let other = line("db is back", detail: "event=$other")
        let irc = line("no event id on IRC", detail: nil)
        let redaction = line("redacted: posted a secret", detail: "redaction of $secret")
        let redactions = TimelineRedactions([secret, other, irc, redaction])
        #expect(redactions.shown(secret).text == TimelineRedactions.placeholder)
        #expect(redactions.shown(secret).detail == "event=$secret")
        #expect(redactions.shown(other) == other)
        #expect(redactions.shown(irc) == irc)
        #expect(redactions.shown(redaction) == redaction)
        #expect(TimelineRedactions().shown(secret) == secret, "nothing redacted, nothing hidden")
    }
}
