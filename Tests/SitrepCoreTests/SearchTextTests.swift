import SitrepCore
import Testing

@Suite struct SearchTextTests {
    @Test(arguments: [
        ("checkout 500", "\"checkout\" \"500\""),
        ("say \"hi\"", "\"say\" \"\"\"hi\"\"\""),
        ("a* AND (b) -c", "\"a*\" \"AND\" \"(b)\" \"-c\""),
        ("NOT col:x ^y", "\"NOT\" \"col:x\" \"^y\""),
    ])
    func userWordsBecomeQuotedStrings(text: String, match: String) {
        #expect(SearchQuery.match(text) == match)
    }

    @Test func punctuationOnlyWordsAreDroppedAndNothingLeftIsNil() {
        #expect(SearchQuery.match("* ( ) \"") == nil)
        #expect(SearchQuery.match("db *") == "\"db\"")
        #expect(SearchQuery.match("db api", mode: .any, column: "title") == "title : (\"db\" OR \"api\")")
    }

    @Test func indexedPiecesComeFromTheEntriesThatRecordThem() {
        var incident = Fixtures.incident()
        incident.resolution = "rolled back deploy 512"
        let intents: [IncidentIntent] = [
            .update("EU degraded"), .note("db latency up"), .cause("expired cert"), .contain("drained eu-1"),
            .identified("bad deploy"), .solution("restart workers"),
        ]
        var pieces: [SearchText.Piece] = []
        var current = incident
        for intent in intents {
            let outcome = Fixtures.apply(intent, to: current)
            current = outcome.incident ?? current
            pieces += SearchText.pieces(of: outcome.entries, incident: current)
        }
        let resolved = Fixtures.apply(.resolve("rolled back deploy 512"), to: current)
        pieces += SearchText.pieces(of: resolved.entries, incident: resolved.incident!)
        #expect(
            pieces == [
                .init(.update, "EU degraded"), .init(.note, "db latency up"), .init(.cause, "expired cert"),
                .init(.containment, "drained eu-1"), .init(.identified, "bad deploy"),
                .init(.solution, "restart workers"), .init(.resolution, "rolled back deploy 512"),
            ])
    }

    @Test func workaroundAndDeclarationPieces() {
        let workaround = Fixtures.apply(.workaround("flag off"), to: Fixtures.incident())
        #expect(SearchText.pieces(of: workaround.entries, incident: workaround.incident!) == [.init(.workaround, "flag off")])
        let declaration = IncidentReducer.declare(
            id: 9, severity: .sev2, title: "Checkout (EU) down", by: Fixtures.bob, at: Fixtures.declaredAt)
        #expect(
            SearchText.pieces(of: declaration.entries, incident: declaration.incident)
                == [.init(.title, "Checkout (EU) down")])
        let ack = Fixtures.apply(.ack, to: Fixtures.incident())
        #expect(SearchText.pieces(of: ack.entries, incident: ack.incident!).isEmpty)
    }

    @Test func significantWordsDropStopWordsAndPlurals() {
        #expect(SignificantWords.of("The checkout returns 500s on EU") == ["checkout", "return", "500", "eu"])
    }
}
