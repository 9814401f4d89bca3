import Matrix
import Testing

@Suite struct MatrixMentionsTests {
    @Test func userIDsNamedInALineAreMentionedOnceInOrder() {
        let line = "INC-4: no ack after 2m; paging @bob:example.org, @dave:example.org:8448 (and @bob:example.org)."
        #expect(MatrixMentions.userIDs(in: line) == ["@bob:example.org", "@dave:example.org:8448"])
    }

    @Test(arguments: ["no mentions here", "mail me at bob@example.org", "@ alone", "@bob", "@:example.org"])
    func textWithoutAUserIDMentionsNobody(_ line: String) {
        #expect(MatrixMentions.userIDs(in: line).isEmpty)
    }
}
