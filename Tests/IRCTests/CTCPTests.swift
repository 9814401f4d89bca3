import Testing

@testable import IRC

@Suite struct CTCPTests {
    static let parsed: [(String, CTCP)] = [
        ("hello", .plain("hello")),
        ("", .plain("")),
        ("\u{1}ACTION waves\u{1}", .action("waves")),
        ("\u{1}ACTION waves", .action("waves")),
        ("\u{1}action waves\u{1}", .action("waves")),
        ("\u{1}ACTION\u{1}", .action("")),
        ("\u{1}VERSION\u{1}", .query(command: "VERSION", argument: nil)),
        ("\u{1}PING 12345\u{1}", .query(command: "PING", argument: "12345")),
        ("\u{1}PING 1 2 3", .query(command: "PING", argument: "1 2 3")),
        ("\u{1}VERSION sitrep 0.1.0\u{1}", .query(command: "VERSION", argument: "sitrep 0.1.0")),
        ("\u{1}\u{1}", .plain("\u{1}\u{1}")),
        ("\u{1}", .plain("\u{1}")),
        ("hi \u{1}VERSION\u{1}", .plain("hi \u{1}VERSION\u{1}")),
    ]

    @Test(arguments: parsed)
    func classifiesMessageText(_ text: String, _ expected: CTCP) {
        #expect(CTCP.parse(text) == expected)
    }

    @Test(arguments: [
        (CTCP.action("waves"), "\u{1}ACTION waves\u{1}"),
        (.query(command: "VERSION", argument: nil), "\u{1}VERSION\u{1}"),
        (.query(command: "VERSION", argument: "sitrep 0.1.0"), "\u{1}VERSION sitrep 0.1.0\u{1}"),
        (.plain("hi"), "hi"),
    ])
    func encodesAndParsesBack(_ ctcp: CTCP, _ wire: String) {
        #expect(ctcp.encoded == wire)
        #expect(CTCP.parse(wire) == ctcp)
    }

    @Test func buildsVersionAndPingReplyNotices() throws {
        let version = CTCP.versionReply(to: "alice")
        #expect(version == IRCMessage(command: "NOTICE", parameters: ["alice", "\u{1}VERSION sitrep 0.1.0\u{1}"]))
        #expect(
            try IRCMessageSerializer.serialize(version) == Array("NOTICE alice :\u{1}VERSION sitrep 0.1.0\u{1}".utf8)
        )
        #expect(CTCP.pingReply(to: "bob", token: "42").parameters == ["bob", "\u{1}PING 42\u{1}"])
        #expect(CTCP.actionMessage(to: "#ops", "acks").parameters == ["#ops", "\u{1}ACTION acks\u{1}"])
    }
}
