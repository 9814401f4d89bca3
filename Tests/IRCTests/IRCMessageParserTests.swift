import SitrepTestSupport
import Testing

@testable import IRC

@Suite struct IRCMessageParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let line: String
        let expected: IRCMessage
        var testDescription: String { line.debugDescription }
    }

    static let alice = IRCSource(nick: "alice", user: "a", host: "h")

    static let serverLines: [Case] = [
        Case(
            line: "CAP * LS * :multi-prefix extended-join account-notify batch invite-notify tls",
            expected: IRCMessage(
                command: "CAP",
                parameters: ["*", "LS", "*", "multi-prefix extended-join account-notify batch invite-notify tls"]
            )
        ),
        Case(
            line: ":irc.test.local CAP * LS :sasl=PLAIN,EXTERNAL server-time message-tags",
            expected: IRCMessage(
                source: IRCSource(nick: "irc.test.local"),
                command: "CAP",
                parameters: ["*", "LS", "sasl=PLAIN,EXTERNAL server-time message-tags"]
            )
        ),
        Case(
            line:
                ":irc.test.local 005 sitrep AWAYLEN=200 CASEMAPPING=rfc1459 CHANTYPES=# NICKLEN=30 PREFIX=(qaohv)~&@%+ :are supported by this server",
            expected: IRCMessage(
                source: IRCSource(nick: "irc.test.local"),
                command: "005",
                parameters: [
                    "sitrep", "AWAYLEN=200", "CASEMAPPING=rfc1459", "CHANTYPES=#", "NICKLEN=30",
                    "PREFIX=(qaohv)~&@%+", "are supported by this server",
                ]
            )
        ),
        Case(
            line: "@time=2026-11-22T18:00:00.123Z;account=alice :alice!a@h PRIVMSG #c :hi",
            expected: IRCMessage(
                tags: [.init(key: "time", value: "2026-11-22T18:00:00.123Z"), .init(key: "account", value: "alice")],
                source: alice,
                command: "PRIVMSG",
                parameters: ["#c", "hi"]
            )
        ),
        Case(
            line: ":irc.test.local BATCH :-1",
            expected: IRCMessage(source: IRCSource(nick: "irc.test.local"), command: "BATCH", parameters: ["-1"])
        ),
        Case(
            line: "@batch=1 :irc.test.local BATCH +1 chathistory #c",
            expected: IRCMessage(
                tags: [.init(key: "batch", value: "1")],
                source: IRCSource(nick: "irc.test.local"),
                command: "BATCH",
                parameters: ["+1", "chathistory", "#c"]
            )
        ),
        Case(
            line: ":irc.test.local 433 * sitrep :Nickname is already in use",
            expected: IRCMessage(
                source: IRCSource(nick: "irc.test.local"),
                command: "433",
                parameters: ["*", "sitrep", "Nickname is already in use"]
            )
        ),
        Case(line: "AUTHENTICATE +", expected: IRCMessage(command: "AUTHENTICATE", parameters: ["+"])),
        Case(line: "PING :irc.test.local", expected: IRCMessage(command: "PING", parameters: ["irc.test.local"])),
        Case(
            line: ":NickServ!NickServ@services.test.local NOTICE sitrep :This nickname is registered.",
            expected: IRCMessage(
                source: IRCSource(nick: "NickServ", user: "NickServ", host: "services.test.local"),
                command: "NOTICE",
                parameters: ["sitrep", "This nickname is registered."]
            )
        ),
        Case(
            line: ":alice!a@h JOIN #ops alice :Alice Example",
            expected: IRCMessage(source: alice, command: "JOIN", parameters: ["#ops", "alice", "Alice Example"])
        ),
        Case(
            line: ":irc.test.local 903 sitrep :SASL authentication successful",
            expected: IRCMessage(
                source: IRCSource(nick: "irc.test.local"),
                command: "903",
                parameters: ["sitrep", "SASL authentication successful"]
            )
        ),
        Case(
            line: ":irc.example.net 001 sitrep :Welcome to the Internet Relay Network sitrep!~sitrep@localhost",
            expected: IRCMessage(
                source: IRCSource(nick: "irc.example.net"),
                command: "001",
                parameters: ["sitrep", "Welcome to the Internet Relay Network sitrep!~sitrep@localhost"]
            )
        ),
        Case(
            line: ":alice@h QUIT :",
            expected: IRCMessage(source: IRCSource(nick: "alice", host: "h"), command: "QUIT", parameters: [""])
        ),
    ]

    @Test(arguments: serverLines)
    func parsesRealServerLines(_ testCase: Case) throws {
        #expect(try IRCMessageParser.parse(testCase.line) == testCase.expected)
    }

    static let tolerated: [(String, IRCMessage)] = [
        ("PING x\r\n", IRCMessage(command: "PING", parameters: ["x"])),
        ("PING x\r", IRCMessage(command: "PING", parameters: ["x"])),
        ("PING x\n", IRCMessage(command: "PING", parameters: ["x"])),
        ("PRIVMSG #c :a\rb", IRCMessage(command: "PRIVMSG", parameters: ["#c", "ab"])),
        ("privmsg #c :hi", IRCMessage(command: "PRIVMSG", parameters: ["#c", "hi"])),
        (
            "   :s   PRIVMSG    #c    :hi  there  ",
            IRCMessage(source: IRCSource(nick: "s"), command: "PRIVMSG", parameters: ["#c", "hi  there  "])
        ),
        ("MODE #c +o alice   ", IRCMessage(command: "MODE", parameters: ["#c", "+o", "alice"])),
        ("PRIVMSG #c ::)", IRCMessage(command: "PRIVMSG", parameters: ["#c", ":)"])),
        ("PRIVMSG #c :", IRCMessage(command: "PRIVMSG", parameters: ["#c", ""])),
        ("PRIVMSG #c a:b", IRCMessage(command: "PRIVMSG", parameters: ["#c", "a:b"])),
        ("QUIT", IRCMessage(command: "QUIT")),
        ("@a=1 PING", IRCMessage(tags: [.init(key: "a", value: "1")], command: "PING")),
        (": PING", IRCMessage(command: "PING")),
        ("001 sitrep :hi", IRCMessage(command: "001", parameters: ["sitrep", "hi"])),
    ]

    @Test(arguments: tolerated)
    func toleratesSloppyLines(_ line: String, _ expected: IRCMessage) throws {
        #expect(try IRCMessageParser.parse(line) == expected)
    }

    @Test func parsesAnyNumberOfParameters() throws {
        let parameters = (1...40).map { "p\($0)" }
        let message = try IRCMessageParser.parse("CMD " + parameters.joined(separator: " "))
        #expect(message.parameters == parameters)
    }

    static let tagCases: [(String, [IRCMessage.Tag])] = [
        ("@a=b\\:c\\sd\\\\e\\rf\\ng", [.init(key: "a", value: "b;c d\\e\rf\ng")]),
        ("@a=trailing\\", [.init(key: "a", value: "trailing")]),
        ("@a=\\x\\y\\", [.init(key: "a", value: "xy")]),
        ("@a=", [.init(key: "a", value: nil)]),
        ("@a", [.init(key: "a", value: nil)]),
        ("@a=\\", [.init(key: "a", value: nil)]),
        (
            "@a;b=2;;+draft/c=3;example.com/d=x=y",
            [
                .init(key: "a"), .init(key: "b", value: "2"), .init(key: "+draft/c", value: "3"),
                .init(key: "example.com/d", value: "x=y"),
            ]
        ),
        ("@=x;k=v", [.init(key: "k", value: "v")]),
        ("@a=1;a=2", [.init(key: "a", value: "1"), .init(key: "a", value: "2")]),
        ("@emoji=🚨\\s!", [.init(key: "emoji", value: "🚨 !")]),
    ]

    @Test(arguments: tagCases)
    func unescapesTagValues(_ tags: String, _ expected: [IRCMessage.Tag]) throws {
        let message = try IRCMessageParser.parse(tags + " :s PING :x")
        #expect(message.tags == expected)
        #expect(message.command == "PING")
    }

    static let garbage: [(String, IRCParseError)] = [
        ("", .emptyLine),
        ("   ", .emptyLine),
        ("\r\n", .emptyLine),
        ("@a=b", .missingCommand),
        ("@a=b :server", .missingCommand),
        (":server", .missingCommand),
        ("@a=b   ", .missingCommand),
        ("PRIV-MSG #c", .invalidCommand("PRIV-MSG")),
        ("\u{1}\u{2}", .invalidCommand("\u{1}\u{2}")),
    ]

    @Test(arguments: garbage)
    func rejectsGarbageWithTypedError(_ line: String, _ expected: IRCParseError) {
        #expect(throws: expected) { try IRCMessageParser.parse(line) }
    }

    @Test func parseErrorsDescribeThemselves() {
        #expect(IRCParseError.invalidCommand("X-Y").description.contains("X-Y"))
        #expect(!IRCParseError.emptyLine.description.isEmpty)
    }

    @Test func decodesInvalidUTF8Lossily() throws {
        var line = Array("PRIVMSG #c :caf".utf8)
        line += [0xC3]  // cut in the middle of "é", as InspIRCd does at 510 bytes
        #expect(try IRCMessageParser.parse(line).parameters == ["#c", "caf\u{FFFD}"])
        let garbage: [UInt8] = Array(":n!u@h PRIVMSG #c :".utf8) + [0xFF, 0xFE, 0x80, 0x41]
        #expect(try IRCMessageParser.parse(garbage).parameters == ["#c", "\u{FFFD}\u{FFFD}\u{FFFD}A"])
    }

    @Test func parsesFromArraySliceInTheMiddleOfABuffer() throws {
        let buffer = Array("xxPING :tokenyy".utf8)
        let message = try IRCMessageParser.parse(buffer[2..<13])
        #expect(message == IRCMessage(command: "PING", parameters: ["token"]))
    }

    @Test func splitsSourceVariants() throws {
        #expect(try IRCMessageParser.parse(":n!u@h X").source == IRCSource(nick: "n", user: "u", host: "h"))
        #expect(try IRCMessageParser.parse(":n@h X").source == IRCSource(nick: "n", host: "h"))
        #expect(try IRCMessageParser.parse(":n!u X").source == IRCSource(nick: "n", user: "u"))
        #expect(try IRCMessageParser.parse(":srv.example X").source == IRCSource(nick: "srv.example"))
        #expect(try IRCMessageParser.parse(":n!u!x@h@y X").source == IRCSource(nick: "n", user: "u!x", host: "h@y"))
    }

    @Test func neverCrashesOnRandomBytes() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...64, using: &rng)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &rng)
                    ? UInt8.random(in: 0...255, using: &rng) : Array(" :@;=!\\aZ9".utf8).randomElement(using: &rng)!
            }
            _ = try? IRCMessageParser.parse(bytes)
        }
    }
}
