import SitrepCore
import Testing

@testable import SitrepApp

/// How chat events with a network id become timeline entries: the id is kept, so an edit or a redaction (recorded
/// as a new entry) names the earlier entry it changes.
struct TimelineEntryRecordingTests {
    static func event(_ kind: SitrepCore.ChatEvent.Kind, id: String?) -> SitrepCore.ChatEvent {
        SitrepCore.ChatEvent(
            kind: kind, channel: SitrepCore.ChatChannel(network: "matrix", name: "!r"),
            sender: SitrepCore.Participant(identity: .account("@a:hs", network: "matrix"), nick: "a"),
            time: SitrepCore.Timestamp(milliseconds: 0), id: id)
    }

    @Test func aMessageKeepsItsEventID() {
        let entry = TimelineEntry(recording: Self.event(.message(text: "disk full", style: .plain), id: "$m"), in: 1)
        #expect(entry.kind == .message && entry.text == "disk full" && entry.detail == "event=$m")
    }

    @Test func aMessageWithoutAnIDHasNoDetail() {
        let entry = TimelineEntry(recording: Self.event(.message(text: "disk full", style: .plain), id: nil), in: 1)
        #expect(entry.detail == nil)
    }

    @Test func anEditAndARedactionNameTheEventTheyChange() {
        let edit = TimelineEntry(recording: Self.event(.edit(of: "$m", text: "disk full on db-2"), id: "$e"), in: 1)
        #expect(edit.kind == .message && edit.text == "disk full on db-2" && edit.detail == "edit of $m")
        let redaction = TimelineEntry(recording: Self.event(.redaction(of: "$m", reason: nil), id: "$r"), in: 1)
        #expect(redaction.text == "redacted" && redaction.detail == "redaction of $m")
    }
}
