import Testing

@testable import IRC

@Suite struct IRCCasemappingTests {
    static let folds: [(IRCCasemapping, String, String)] = [
        (.rfc1459, "Sitrep[Bot]", "sitrep{bot}"),
        (.rfc1459, "A\\B^C~", "a|b~c~"),
        (.strictRFC1459, "A[]\\^~", "a{}|^~"),
        (.ascii, "ABC[]\\^~", "abc[]\\^~"),
        (.rfc1459, "ÄlIcE", "Älice"),
        (.ascii, "#OPS", "#ops"),
        (.rfc1459, "already", "already"),
    ]

    @Test(arguments: folds)
    func foldsNames(_ casemapping: IRCCasemapping, _ name: String, _ expected: String) {
        #expect(casemapping.fold(name) == expected)
    }

    @Test(arguments: [
        ("rfc1459", IRCCasemapping.rfc1459), ("strict-rfc1459", .strictRFC1459), ("ascii", .ascii),
        ("ASCII", .ascii), ("rfc7613", .rfc1459), ("", .rfc1459),
    ])
    func readsTheISUPPORTValue(_ value: String, _ expected: IRCCasemapping) {
        #expect(IRCCasemapping(isupportValue: value) == expected)
    }

    @Test func absentISUPPORTMeansRFC1459() {
        #expect(IRCCasemapping(isupportValue: nil) == .rfc1459)
    }

    @Test func namesCompareByFoldedKeyButKeepTheirSpelling() {
        let a = IRCName("Alice[m]", casemapping: .rfc1459)
        let b = IRCName("alice{M}", casemapping: .rfc1459)
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
        #expect(a.description == "Alice[m]")
        #expect(IRCName("a[", casemapping: .ascii) != IRCName("a{", casemapping: .ascii))
    }
}
