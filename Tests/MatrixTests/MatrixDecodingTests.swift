import Matrix
import Testing

@Suite struct MatrixDecodingTests {
    /// Which model reads which captured response.
    static let decoders: [String: @Sendable (String) throws -> Void] = [
        "login": { _ = try Fixture.decode(MatrixLoginResponse.self, $0) },
        "whoami": { _ = try Fixture.decode(MatrixWhoAmI.self, $0) },
        "filter-created": { _ = try Fixture.decode(MatrixFilterCreated.self, $0) },
        "create-room": { _ = try Fixture.decode(MatrixRoomCreated.self, $0) },
        "join": { _ = try Fixture.decode(MatrixRoomCreated.self, $0) },
        "joined-rooms": { _ = try Fixture.decode(MatrixJoinedRooms.self, $0) },
        "joined-rooms-empty": { _ = try Fixture.decode(MatrixJoinedRooms.self, $0) },
        "send": { _ = try Fixture.decode(MatrixEventCreated.self, $0) },
        "send-notice": { _ = try Fixture.decode(MatrixEventCreated.self, $0) },
        "send-notice-retry": { _ = try Fixture.decode(MatrixEventCreated.self, $0) },
        "send-state": { _ = try Fixture.decode(MatrixEventCreated.self, $0) },
        "redact": { _ = try Fixture.decode(MatrixEventCreated.self, $0) },
        "power-levels": { _ = try Fixture.decode(MatrixPowerLevels.self, $0) },
        "error-login-forbidden": { _ = try Fixture.decode(MatrixErrorResponse.self, $0) },
        "error-unknown-token": { _ = try Fixture.decode(MatrixErrorResponse.self, $0) },
        "error-rate-limited": { _ = try Fixture.decode(MatrixErrorResponse.self, $0) },
        "sync-initial": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "sync-incremental": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "sync-limited": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "sync-empty": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "sync-gap": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "sync-receipts": { _ = try Fixture.decode(MatrixSyncResponse.self, $0) },
        "messages-gap": { _ = try Fixture.decode(MatrixMessagesResponse.self, $0) },
        // Answers the client does not read: `{}` bodies and the filter echoed back.
        "invite": { _ = $0 }, "kick": { _ = $0 }, "leave": { _ = $0 }, "filter-get": { _ = $0 },
    ]

    @Test func everyFixtureHasADecoder() throws {
        #expect(try Fixture.allNames() == Self.decoders.keys.sorted())
    }

    @Test(arguments: decoders.keys.sorted())
    func fixtureDecodes(_ name: String) throws {
        let decode = try #require(Self.decoders[name])
        try decode(name)
    }

    @Test func aReadReceiptNamesTheReaderTheEventAndWhen() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-receipts")
        let receipts = sync.rooms.join.values.flatMap(\.readReceipts)
        #expect(receipts.count == 1)
        let receipt = try #require(receipts.first)
        #expect(receipt.userID == "@bob:localhost")
        #expect(receipt.eventID.hasPrefix("$"))
        #expect((receipt.timestamp ?? 0) > 1_700_000_000_000, "the homeserver's time of the receipt, in ms")
        // Rooms without receipts, and other ephemeral events, give none.
        let plain = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        let unread = plain.rooms.join.values.allSatisfy { $0.readReceipts.isEmpty }
        #expect(unread)
    }

    @Test func loginAndWhoamiNameTheBotAndItsFixedDevice() throws {
        let login = try Fixture.decode(MatrixLoginResponse.self, "login")
        #expect(login.userID == "@sitrep:localhost")
        #expect(login.deviceID == "FIXTURESITREP")
        #expect(!login.description.contains(login.accessToken))
        let whoami = try Fixture.decode(MatrixWhoAmI.self, "whoami")
        #expect(whoami.userID == "@sitrep:localhost" && whoami.deviceID == "FIXTURESITREP" && !whoami.isGuest)
    }

    @Test func errorBodiesCarryWhatDecidesTheNextStep() throws {
        let limited = try Fixture.decode(MatrixErrorResponse.self, "error-rate-limited")
        #expect(limited.errcode == "M_LIMIT_EXCEEDED")
        #expect((limited.retryAfterMilliseconds ?? 0) > 0)
        let token = try Fixture.decode(MatrixErrorResponse.self, "error-unknown-token")
        #expect(token.errcode == "M_UNKNOWN_TOKEN" && token.softLogout == false)
        #expect(try Fixture.decode(MatrixErrorResponse.self, "error-login-forbidden").errcode == "M_FORBIDDEN")
    }

    @Test func aRetriedSendWithTheSameTransactionIDGotTheSameEvent() throws {
        let first = try Fixture.decode(MatrixEventCreated.self, "send-notice")
        #expect(try Fixture.decode(MatrixEventCreated.self, "send-notice-retry") == first)
    }

    @Test func initialSyncHoldsTheInviteWithItsInviter() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-initial")
        #expect(sync.rooms.join.isEmpty)
        let invite = try #require(sync.rooms.invite.values.first)
        #expect(invite.inviter(of: "@sitrep:localhost") == "@alice:localhost")
        #expect(invite.name == "inc-1: checkout errors")
        #expect(!invite.isEncrypted)
    }

    @Test func incrementalSyncHoldsEveryKindOfEvent() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        #expect(sync.rooms.join.count == 2 && sync.rooms.leave.count == 1 && sync.rooms.invite.count == 1)
        let room = try #require(sync.rooms.join.values.first { !$0.showsEncryption })
        let events = room.timeline.events
        #expect(room.timeline.limited && room.timeline.prevBatch != nil)
        let types = Set(events.map(\.type))
        for type in ["m.room.create", "m.room.member", "m.room.message", "m.room.redaction", "m.room.topic",
            "m.room.name", "m.room.power_levels"]
        {
            #expect(types.contains(type), "\(type) missing")
        }
        let own = try #require(events.first { $0.sender == "@sitrep:localhost" && $0.type == "m.room.message" })
        #expect(own.unsigned.transactionID == "fixture-same-txn")
        let redacted = try #require(events.first { $0.isRedacted })
        #expect(redacted.content == .other)
        let redaction = try #require(events.first { $0.type == "m.room.redaction" })
        #expect(redaction.content == .redaction(redacts: redacted.eventID, reason: "pasted a secret"))
        #expect(events.contains { if case .message(let m) = $0.content { m.editedEventID != nil } else { false } })
        let encrypted = try #require(sync.rooms.join.values.first { $0.showsEncryption })
        let fixture = MatrixEncryptedContent(
            algorithm: "m.megolm.v1.aes-sha2", senderKey: "IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA",
            sessionID: "X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ", deviceID: "FIXTUREALICE",
            ciphertext: .megolm("AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg"))
        #expect(encrypted.timeline.events.contains { $0.content == .encrypted(fixture) })
    }

    @Test func limitedSyncCarriesStateAndPrevBatch() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-limited")
        for room in sync.rooms.join.values {
            #expect(room.timeline.limited && room.timeline.prevBatch != nil)
            #expect(room.timeline.events.count <= 3 && !room.state.isEmpty)
        }
    }

    @Test func emptyLongPollHasOnlyTheCursor() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-empty")
        #expect(sync.rooms == MatrixSyncResponse.Rooms())
        #expect(sync.nextBatch == (try Fixture.decode(MatrixSyncResponse.self, "sync-gap")).nextBatch)
    }

    @Test func oneMalformedEventDoesNotFailTheSync() throws {
        let json = """
            {"next_batch":"s2","rooms":{"join":{"!r:x":{"timeline":{"events":[
            {"type":"m.room.message","content":{"msgtype":"m.text","body":"fine"},"sender":"@a:x","event_id":"$1"},
            {"content":{"body":"no type, no sender"}},
            {"type":"m.room.message","content":{"msgtype":"m.text","body":42},"sender":"@a:x","event_id":"$2"}
            ]}}}}}
            """
        let sync = try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(json.utf8))
        let events = try #require(sync.rooms.join["!r:x"]).timeline.events
        #expect(events.map(\.eventID) == ["$1", "$2"])
        #expect(events[1].content == .other)
    }

    @Test func redactionBeforeRoomVersion11NamesItsTargetAtTheTopLevel() throws {
        let json = #"{"type":"m.room.redaction","redacts":"$old","content":{},"sender":"@a:x","event_id":"$r"}"#
        let event = try MatrixJSON.decode(MatrixEvent.self, from: Array(json.utf8))
        #expect(event.content == .redaction(redacts: "$old", reason: nil))
    }
}
