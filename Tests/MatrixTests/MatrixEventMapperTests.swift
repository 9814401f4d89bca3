import Matrix
import SitrepCore
import Testing

@Suite struct MatrixEventMapperTests {
    static let room = "!room:localhost"
    static let now = Timestamp(milliseconds: 1_000)

    static func event(
        _ type: String, _ content: MatrixEventContent, sender: String = "@alice:localhost", stateKey: String? = nil,
        previous: MatrixEventContent? = nil, id: String = "$e", redactedBy: String? = nil
    ) -> MatrixEvent {
        MatrixEvent(
            type: type, eventID: id, sender: sender, originServerTS: 1_795_688_075_208, stateKey: stateKey,
            content: content, unsigned: MatrixEvent.Unsigned(redactedBy: redactedBy, previousContent: previous))
    }

    static func member(_ membership: String, name: String? = nil, reason: String? = nil) -> MatrixEventContent {
        .member(MatrixMemberContent(membership: membership, displayName: name, reason: reason))
    }

    func kind(_ event: MatrixEvent) -> ChatEvent.Kind? {
        var mapper = MatrixEventMapper(botUserID: "@sitrep:localhost")
        return mapper.chatEvent(for: event, in: Self.room, receivedAt: Self.now)?.kind
    }

    @Test(arguments: [
        ("m.text", ChatEvent.MessageStyle.plain), ("m.notice", .notice), ("m.emote", .action), ("m.image", .plain),
    ])
    func messagesMapByMsgtype(_ msgtype: String, _ style: ChatEvent.MessageStyle) {
        let content = MatrixEventContent.message(MatrixMessageContent(msgtype: msgtype, body: "!ack"))
        #expect(kind(Self.event("m.room.message", content)) == .message(text: "!ack", style: style))
    }

    @Test func aMessageCarriesRoomSenderServerTimeAndEventID() throws {
        var mapper = MatrixEventMapper(network: "mx", botUserID: "@sitrep:localhost")
        let content = MatrixEventContent.message(MatrixMessageContent(msgtype: "m.text", body: "hi"))
        let message = Self.event("m.room.message", content, id: "$m1")
        let mapped = mapper.chatEvent(for: message, in: Self.room, receivedAt: Self.now)
        let event = try #require(mapped)
        #expect(event.channel == ChatChannel(network: "mx", name: Self.room))
        #expect(event.sender == Participant(identity: .account("@alice:localhost", network: "mx"), nick: "alice"))
        #expect(event.sender.identity.isAuthenticated)
        #expect(event.time == Timestamp(milliseconds: 1_795_688_075_208))
        #expect(event.id == "$m1" && !event.isOwn)
    }

    @Test func theBotsOwnEventsAreMarkedOwn() {
        var mapper = MatrixEventMapper(botUserID: "@sitrep:localhost")
        let content = MatrixEventContent.message(MatrixMessageContent(msgtype: "m.notice", body: "ok"))
        let event = Self.event("m.room.message", content, sender: "@sitrep:localhost")
        #expect(mapper.chatEvent(for: event, in: Self.room, receivedAt: Self.now)?.isOwn == true)
    }

    @Test func anEditBecomesAnEditOfTheOriginalWithTheNewText() {
        let content = MatrixEventContent.message(
            MatrixMessageContent(
                msgtype: "m.text", body: " * !ack now", newContent: .init(msgtype: "m.text", body: "!ack now"),
                relatesTo: .init(relType: "m.replace", eventID: "$orig")))
        #expect(kind(Self.event("m.room.message", content)) == .edit(of: "$orig", text: "!ack now"))
    }

    @Test func aReplyLosesItsQuotedFallback() {
        let content = MatrixEventContent.message(
            MatrixMessageContent(
                msgtype: "m.text", body: "> <@bob:localhost> is it down?\n> still?\n\n!ack yes",
                relatesTo: .init(inReplyTo: .init(eventID: "$q"))))
        #expect(kind(Self.event("m.room.message", content)) == .message(text: "!ack yes", style: .plain))
    }

    @Test func aQuoteWithoutReplyRelationIsKept() {
        let content = MatrixEventContent.message(MatrixMessageContent(msgtype: "m.text", body: "> quoted\n\nmine"))
        #expect(kind(Self.event("m.room.message", content)) == .message(text: "> quoted\n\nmine", style: .plain))
    }

    @Test func aRedactionNamesItsTargetAndReason() {
        let content = MatrixEventContent.redaction(redacts: "$secret", reason: "pasted a secret")
        #expect(kind(Self.event("m.room.redaction", content)) == .redaction(of: "$secret", reason: "pasted a secret"))
    }

    @Test func eventsDeliveredRedactedEncryptedOrUnknownAreSkipped() {
        #expect(kind(Self.event("m.room.message", .other, redactedBy: "$r")) == nil)
        #expect(kind(Self.event("m.room.encrypted", .encrypted(MatrixEncryptedContent(algorithm: "m.megolm.v1.aes-sha2", ciphertext: .megolm("AwgA"))))) == nil)
        #expect(kind(Self.event("m.room.create", .create(MatrixCreateContent(roomVersion: "12")), stateKey: "")) == nil)
        #expect(kind(Self.event("m.room.join_rules", .other, stateKey: "")) == nil)
    }

    @Test(arguments: [
        // (membership, previous, sender, expected)
        ("join", nil, "@bob:localhost", ChatEvent.Kind?.some(.join)),
        ("join", "invite", "@bob:localhost", .join),
        ("leave", "join", "@bob:localhost", .part(reason: "bye")),
        ("leave", "join", "@alice:localhost", .kick(target: "@bob:localhost", reason: "bye")),
        ("ban", "join", "@alice:localhost", .kick(target: "@bob:localhost", reason: "bye")),
        ("ban", "leave", "@alice:localhost", .mode(text: "ban @bob:localhost")),
        ("invite", nil, "@alice:localhost", .mode(text: "invite @bob:localhost")),
        ("leave", "invite", "@bob:localhost", nil),
        ("leave", "invite", "@alice:localhost", nil),
        ("leave", "ban", "@alice:localhost", nil),
        ("knock", nil, "@bob:localhost", nil),
    ] as [(String, String?, String, ChatEvent.Kind?)])
    func membershipChanges(_ membership: String, _ previous: String?, _ sender: String, _ expected: ChatEvent.Kind?) {
        let event = Self.event(
            "m.room.member", Self.member(membership, reason: "bye"), sender: sender, stateKey: "@bob:localhost",
            previous: previous.map { Self.member($0) })
        #expect(kind(event) == expected)
    }

    @Test func aDisplayNameChangeIsANickChangeFromTheOldName() throws {
        var mapper = MatrixEventMapper(botUserID: "@sitrep:localhost")
        let rename = Self.event(
            "m.room.member", Self.member("join", name: "Bob (on call)"), sender: "@bob:localhost",
            stateKey: "@bob:localhost", previous: Self.member("join", name: "Bob"))
        let mapped = mapper.chatEvent(for: rename, in: Self.room, receivedAt: Self.now)
        let event = try #require(mapped)
        #expect(event.kind == .nick(newNick: "Bob (on call)"))
        #expect(event.sender.nick == "Bob")
        #expect(mapper.participant("@bob:localhost", in: Self.room).nick == "Bob (on call)")
        let avatarOnly = Self.event(
            "m.room.member", Self.member("join", name: "Bob (on call)"), sender: "@bob:localhost",
            stateKey: "@bob:localhost", previous: Self.member("join", name: "Bob (on call)"))
        #expect(mapper.chatEvent(for: avatarOnly, in: Self.room, receivedAt: Self.now) == nil)
    }

    @Test func aJoinAddressesThePersonByTheDisplayNameInThatRoom() throws {
        var mapper = MatrixEventMapper(botUserID: "@sitrep:localhost")
        let join = Self.event(
            "m.room.member", Self.member("join", name: "Alice Ops"), stateKey: "@alice:localhost")
        let mapped = mapper.chatEvent(for: join, in: Self.room, receivedAt: Self.now)
        #expect(try #require(mapped).sender.nick == "Alice Ops")
        #expect(mapper.participant("@alice:localhost", in: "!other:localhost").nick == "alice")
    }

    @Test func stateChangesBecomeTopicOrReadableModes() {
        #expect(kind(Self.event("m.room.topic", .topic("SEV1"), stateKey: "")) == .topic(text: "SEV1"))
        #expect(kind(Self.event("m.room.name", .name("inc-1: db"), stateKey: "")) == .mode(text: "name: inc-1: db"))
        #expect(
            kind(Self.event("m.room.encryption", .encryption(algorithm: "m.megolm.v1.aes-sha2"), stateKey: ""))
                == .mode(text: "encryption: m.megolm.v1.aes-sha2"))
    }

    @Test func powerLevelChangesListEachChangedUser() {
        let before = MatrixPowerLevels(users: ["@alice:localhost": 100, "@carol:localhost": 50])
        let after = MatrixPowerLevels(users: ["@alice:localhost": 100, "@bob:localhost": 50], usersDefault: 0)
        let event = Self.event("m.room.power_levels", .powerLevels(after), stateKey: "", previous: .powerLevels(before))
        #expect(kind(event) == .mode(text: "power @bob:localhost 0 -> 50, @carol:localhost 50 -> 0"))
        let same = Self.event("m.room.power_levels", .powerLevels(after), stateKey: "", previous: .powerLevels(after))
        #expect(kind(same) == .mode(text: "power levels changed"))
    }

    @Test func theCapturedIncrementalSyncMapsInTimelineOrder() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        var mapper = MatrixEventMapper(botUserID: "@sitrep:localhost")
        let roomID = try #require(sync.rooms.join.first { !$0.value.showsEncryption }?.key)
        let events = mapper.chatEvents(in: sync, receivedAt: Self.now).filter { $0.channel?.name == roomID }
        let kinds = events.map(\.kind)
        let ack = try #require(
            events.first { $0.kind == .message(text: "!ack checkout errors since 10:02", style: .plain) })
        let expected: [ChatEvent.Kind] = [
            .join, .mode(text: "power levels changed"), .mode(text: "name: inc-1: checkout errors"),
            .topic(text: "SEV2 investigating"), .mode(text: "invite @sitrep:localhost"),
            .message(text: "before the bot joined", style: .plain), .join,
            .mode(text: "invite @bob:localhost"), .join, .mode(text: "invite @carol:localhost"), .join,
            .mode(text: "invite @dave:localhost"), .join,
            .message(text: "!ack checkout errors since 10:02", style: .plain),
            .message(text: "Incident 1 acknowledged by alice.", style: .notice),
            .message(text: "is looking at the load balancer", style: .action),
            .edit(of: try #require(ack.id), text: "!ack checkout errors since 10:01"),
        ]
        #expect(Array(kinds.prefix(expected.count)) == expected)
        let rest = Array(kinds.dropFirst(expected.count))
        #expect(rest.count == 7)
        if case .redaction(_, let reason) = rest.first { #expect(reason == "pasted a secret") } else {
            Issue.record("expected the redaction, got \(String(describing: rest.first))")
        }
        #expect(
            Array(rest.dropFirst()) == [
                .topic(text: "SEV1 mitigated: rolled back checkout 4.2"),
                .mode(text: "name: inc-1: checkout errors (SEV1)"),
                .mode(text: "power @bob:localhost 0 -> 50"), .kick(target: "@carol:localhost", reason: "wrong room"),
                .part(reason: nil), .message(text: "Grüße 👋 — unicode survives", style: .plain),
            ])
        #expect(events.filter(\.isOwn).count == 2)  // the bot's join and its notice
    }
}
