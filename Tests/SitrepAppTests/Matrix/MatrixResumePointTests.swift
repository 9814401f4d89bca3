import SitrepCore
import Testing

@testable import SitrepApp

/// The stored form of where the Matrix sync resumes: a plain `next_batch` between batches, the batch's own cursor
/// and the events already handled when the bot stopped inside a batch that ran a command.
@Suite("Matrix resume point")
struct MatrixResumePointTests {
    @Test func nothingStoredMeansTheFirstSync() {
        #expect(MatrixResumePoint(stored: nil) == MatrixResumePoint(since: nil))
    }

    @Test func aCursorAloneIsStoredAsItself() {
        let point = MatrixResumePoint(since: "s72_9")
        #expect(point.stored == "s72_9")
        #expect(MatrixResumePoint(stored: "s72_9") == point)
    }

    @Test func aPartialPointRoundTripsWithItsHandledEvents() {
        let point = MatrixResumePoint(since: "s72_9", handled: ["$b", "$a"])
        #expect(point.stored == "s72_9\n$a\n$b")
        #expect(MatrixResumePoint(stored: point.stored) == point)
    }

    @Test(arguments: ["!ack", "/declare sev1 x", "sitrep: status", "@sitrep:example.org help"])
    func aMessageThatMayBeACommandGetsAPartialPoint(text: String) {
        #expect(MatrixSyncService.mayBeCommand(Self.message(text)))
    }

    @Test(arguments: ["error rate is 40%", "rolled back"])
    func anOrdinaryLineDoesNot(text: String) {
        #expect(!MatrixSyncService.mayBeCommand(Self.message(text)))
    }

    static func message(_ text: String) -> SitrepCore.ChatEvent {
        SitrepCore.ChatEvent(
            kind: .message(text: text, style: .plain), channel: SitrepCore.ChatChannel(network: "matrix", name: "!r"),
            sender: SitrepCore.Participant(identity: .account("@a:hs", network: "matrix"), nick: "a"),
            time: SitrepCore.Timestamp(milliseconds: 0), id: "$e")
    }
}
