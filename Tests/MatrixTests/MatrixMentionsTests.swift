import Matrix
import Testing

@Suite struct MatrixMentionsTests {
    @Test func userIDsNamedInALineAreMentionedOnceInOrder() {
        let line = "INC-4: no ack after 2m; paging @bob:example.org, @dave:example.org:8448 (and @bob:example.org)."
        #expect(MatrixMentions.userIDs(in: line) == ["@bob:example.org", "@dave:example.org:8448"])
    }

    @Test(arguments: [
        ("carol: incident 1 declared (SEV2); join #inc-1:example.org", "carol"),
        ("Carol Smith: incident 2 declared", "Carol Smith"), ("no address here", nil), (": empty name", nil),
        ("INC-4 (SEV1) resolved", nil),
    ] as [(String, String?)])
    func aLineAddressedToSomeoneNamesThemForAMention(line: String, name: String?) {
        #expect(MatrixMentions.addressee(of: line) == name)
    }

    @Test(arguments: ["no mentions here", "mail me at bob@example.org", "@ alone", "@bob", "@:example.org"])
    func textWithoutAUserIDMentionsNobody(_ line: String) {
        #expect(MatrixMentions.userIDs(in: line).isEmpty)
    }
}
