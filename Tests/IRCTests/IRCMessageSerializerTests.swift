import SitrepTestSupport
import Testing

@testable import IRC

@Suite struct IRCMessageSerializerTests {
    static func wire(_ message: IRCMessage) throws -> String {
        String(decoding: try IRCMessageSerializer.serialize(message), as: UTF8.self)
    }

    static let cases: [(IRCMessage, String)] = [
        (IRCMessage(command: "PRIVMSG", parameters: ["#c", "hello world"]), "PRIVMSG #c :hello world"),
        (IRCMessage(command: "PRIVMSG", parameters: ["#c", "hello"]), "PRIVMSG #c hello"),
        (IRCMessage(command: "PRIVMSG", parameters: ["#c", ""]), "PRIVMSG #c :"),
        (IRCMessage(command: "PRIVMSG", parameters: ["#c", ":)"]), "PRIVMSG #c ::)"),
        (IRCMessage(command: "QUIT"), "QUIT"),
        (IRCMessage(command: "CAP", parameters: ["LS", "302"]), "CAP LS 302"),
        (IRCMessage(command: "AUTHENTICATE", parameters: ["+"]), "AUTHENTICATE +"),
        (IRCMessage(command: "PRIVMSG", parameters: ["#c", "a\r\nb\0c"]), "PRIVMSG #c :a  b c"),
        (
            IRCMessage(source: IRCSource(nick: "n", user: "u", host: "h"), command: "NOTICE", parameters: ["x", "y"]),
            ":n!u@h NOTICE x y"
        ),
        (
            IRCMessage(
                tags: [.init(key: "label", value: "a b;c\\d\r\n"), .init(key: "+draft/reply", value: nil)],
                command: "PING",
                parameters: ["t"]
            ),
            "@label=a\\sb\\:c\\\\d\\r\\n;+draft/reply PING t"
        ),
        (IRCMessage(tags: [.init(key: "k", value: "")], command: "PING"), "@k PING"),
        (IRCMessage(tags: [.init(key: "k", value: "\0")], command: "PING"), "@k PING"),
    ]

    @Test(arguments: cases)
    func serializesToTheWireForm(_ message: IRCMessage, _ expected: String) throws {
        #expect(try Self.wire(message) == expected)
    }

    static let refused: [(IRCMessage, IRCSerializeError)] = [
        (IRCMessage(command: ""), .invalidCommand("")),
        (IRCMessage(command: "PRIV MSG"), .invalidCommand("PRIV MSG")),
        (IRCMessage(command: "PING\r\nQUIT"), .invalidCommand("PING\r\nQUIT")),
        (IRCMessage(command: "PRIVMSG", parameters: ["#a b", "x"]), .invalidMiddleParameter(index: 0, value: "#a b")),
        (IRCMessage(command: "PRIVMSG", parameters: ["", "x"]), .invalidMiddleParameter(index: 0, value: "")),
        (IRCMessage(command: "PRIVMSG", parameters: [":x", "x"]), .invalidMiddleParameter(index: 0, value: ":x")),
        (
            IRCMessage(command: "PRIVMSG", parameters: ["#c\r\nQUIT", "x"]),
            .invalidMiddleParameter(index: 0, value: "#c\r\nQUIT")
        ),
        (IRCMessage(command: "X", parameters: (1...16).map(String.init)), .tooManyParameters(16)),
        (IRCMessage(source: IRCSource(nick: "a b"), command: "X"), .invalidSource("a b")),
        (IRCMessage(source: IRCSource(nick: ""), command: "X"), .invalidSource("")),
        (IRCMessage(source: IRCSource(nick: "n", user: "u@x", host: "h"), command: "X"), .invalidSource("n!u@x@h")),
        (IRCMessage(tags: [.init(key: "a b")], command: "X"), .invalidTagKey("a b")),
        (IRCMessage(tags: [.init(key: "")], command: "X"), .invalidTagKey("")),
        (IRCMessage(command: "X", parameters: [String(repeating: "m", count: 600), "x"]), .lineTooLong(bytes: 602)),
    ]

    @Test(arguments: refused)
    func refusesMessagesThatCannotBeSentSafely(_ message: IRCMessage, _ expected: IRCSerializeError) {
        #expect(throws: expected) { try IRCMessageSerializer.serialize(message) }
    }

    @Test func allowsFifteenParameters() throws {
        let message = IRCMessage(command: "X", parameters: (1...15).map(String.init))
        #expect(try IRCMessageParser.parse(IRCMessageSerializer.serialize(message)) == message)
    }

    @Test func truncatesAnOverlongTrailingParameterAtAScalarBoundary() throws {
        let text = String(repeating: "🚨", count: 200)
        let wire = try IRCMessageSerializer.serialize(IRCMessage(command: "PRIVMSG", parameters: ["#c", text]))
        #expect(wire.count <= 510)
        #expect(wire.count > 505)
        let parsed = try IRCMessageParser.parse(wire)
        #expect(parsed.parameters[1].allSatisfy { $0 == "🚨" })
        #expect(text.hasPrefix(parsed.parameters[1]))
    }

    @Test func serializeLineAppendsCRLF() throws {
        #expect(
            try IRCMessageSerializer.serializeLine(IRCMessage(command: "PING", parameters: ["x"]))
                == Array("PING x\r\n".utf8)
        )
    }

    @Test func dropsTagsBeyondTheClientTagLimit() throws {
        let message = IRCMessage(
            tags: [
                .init(key: "a", value: String(repeating: "v", count: 4_000)),
                .init(key: "b", value: String(repeating: "w", count: 92)), .init(key: "c", value: "1"),
            ],
            command: "PING"
        )
        let wire = try IRCMessageSerializer.serialize(message)
        // a=… (4002) ; b=… (94) = 4097 > 4094, so b is dropped, c still fits.
        #expect(wire.prefix { $0 != 0x20 }.count - 1 == 4_002 + 4)
        #expect(try IRCMessageParser.parse(wire).tags.map(\.key) == ["a", "c"])
    }

    @Test func neverExceedsTheAbsoluteTagSectionLimit() throws {
        let big = String(repeating: "v", count: 5_000)
        let message = IRCMessage(
            tags: [.init(key: "a", value: big), .init(key: "b", value: big), .init(key: "c", value: "1")],
            command: "PING"
        )
        let wire = try IRCMessageSerializer.serialize(message, maxTagDataLength: .max)
        let tagSection = wire.prefix { $0 != 0x20 }.count + 1
        #expect(tagSection <= IRCMessageSerializer.maxTagSectionLength)
        #expect(try IRCMessageParser.parse(wire).tags.map(\.key) == ["a", "c"])
        let exact = IRCMessage(tags: [.init(key: "k", value: String(repeating: "x", count: 8_187))], command: "P")
        #expect(try IRCMessageSerializer.serialize(exact, maxTagDataLength: .max).count == 8_191 + 1)
    }

    @Test(arguments: ["", "plain", "a b", "a;b", "\\", "\\\\s", "\r\n", "x\\", "🚨 ;\\ 日本", ";;;", "\\:"])
    func tagEscapingRoundTrips(_ value: String) {
        #expect(IRCTagEscaping.unescape(IRCTagEscaping.escape(value)) == value)
        #expect(!IRCTagEscaping.escape(value).utf8.contains { [0x20, 0x3B, 0x0D, 0x0A, 0].contains($0) })
    }

    @Test func serializeErrorsDescribeThemselves() {
        #expect(IRCSerializeError.tooManyParameters(16).description.contains("15"))
    }

    /// A random message mixing valid and hostile content.
    static func randomMessage(_ rng: inout SplitMix64) -> IRCMessage {
        let tagCount = Int.random(in: 0...3, using: &rng)
        let tags = (0..<tagCount).map { _ in
            IRCMessage.Tag(
                key: RandomText.word(&rng).filter { $0.isLetter || $0.isNumber || $0 == "-" },
                value: Bool.random(using: &rng) ? RandomText.text(&rng, maxPieces: 40) : nil
            )
        }.filter { !$0.key.isEmpty }
        let source =
            Bool.random(using: &rng)
            ? IRCSource(nick: RandomText.word(&rng), user: RandomText.word(&rng), host: RandomText.word(&rng)) : nil
        let middleCount = Int.random(in: 0...3, using: &rng)
        var parameters = (0..<middleCount).map { _ in RandomText.word(&rng) }
        if Bool.random(using: &rng) {
            parameters.append(RandomText.text(&rng, maxPieces: Int.random(in: 0...300, using: &rng)))
        }
        let command = ["PRIVMSG", "NOTICE", "001", "tagmsg", "X"].randomElement(using: &rng)!
        return IRCMessage(tags: tags, source: source, command: command, parameters: parameters)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func serializedMessagesAreSafeAndRoundTrip(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<2_000 {
            let message = Self.randomMessage(&rng)
            let wire = try IRCMessageSerializer.serialize(message)
            #expect(!wire.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 })
            let tagLength = wire.first == UInt8(ascii: "@") ? wire.prefix { $0 != 0x20 }.count + 1 : 0
            #expect(tagLength <= IRCMessageSerializer.maxTagSectionLength)
            #expect(wire.count - tagLength <= IRCMessageSerializer.maxBodyLength)

            let parsed = try IRCMessageParser.parse(wire)
            #expect(parsed.command == message.command.uppercased())
            #expect(parsed.source == message.source)
            #expect(
                parsed.tags
                    == message.tags.map { tag in
                        let value = tag.value.map { String($0.unicodeScalars.filter { $0 != "\0" }) }
                        return IRCMessage.Tag(key: tag.key, value: value?.isEmpty == true ? nil : value)
                    }
            )
            #expect(parsed.parameters.count == message.parameters.count)
            #expect(parsed.parameters.dropLast() == message.parameters.dropLast())
            if let sent = message.parameters.last, let received = parsed.parameters.last {
                let sanitized = String(
                    sent.unicodeScalars.map { ["\r", "\n", "\0"].contains($0) ? " " : Character($0) }
                )
                #expect(sanitized.utf8.starts(with: received.utf8))
                #expect(received.utf8.count == sanitized.utf8.count || wire.count - tagLength > 500)
            }
        }
    }
}
