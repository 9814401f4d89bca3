import Testing

@testable import IRC

/// Reading tags off a parsed message: IRCv3 message-tags says that when a key occurs twice, the last one wins.
@Suite struct IRCMessageTagTests {
    static let cases: [(String, String, String?)] = [
        ("@account=mallory;account=alice :a!b@c PRIVMSG #ops :hi", "account", "alice"),
        ("@account=alice;account :a!b@c PRIVMSG #ops :hi", "account", nil),
        ("@account;account=alice :a!b@c PRIVMSG #ops :hi", "account", "alice"),
        ("@time=2026-01-01T00:00:00.000Z;msgid=1;msgid=2 PING :x", "msgid", "2"),
        ("@msgid=1 PING :x", "msgid", "1"),
        ("@msgid=1 PING :x", "account", nil),
    ]

    @Test(arguments: cases)
    func theLastOccurrenceOfAKeyWins(_ line: String, _ key: String, _ expected: String?) throws {
        let message = try IRCMessageParser.parse(line)
        #expect(message.tag(key) == expected)
    }

    @Test func aDuplicatedAccountTagNamesTheLastAccountAsTheSender() {
        var driver = SessionDriver.plain()
        driver.register(capabilities: "account-tag")
        driver.receive("@account=mallory;account=alice :alice!a@h PRIVMSG #ops :!ack")
        let senders = driver.events.compactMap { event -> String? in
            guard case .message(let chat) = event.kind else { return nil }
            return chat.sender.account
        }
        #expect(senders == ["alice"])
    }
}
