import Matrix
import Testing

@Suite struct MatrixRequestBodyTests {
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try MatrixJSON.encode(value), as: UTF8.self)
    }

    @Test func theFilterKeepsTimelinesStateAndReadReceiptsOnly() throws {
        #expect(
            try Self.json(MatrixSyncFilter(timelineLimit: 50))
                == #"{"account_data":{"not_types":["*"]},"presence":{"not_types":["*"]},"#
                + #""room":{"account_data":{"not_types":["*"]},"ephemeral":{"types":["m.receipt"]},"#
                + #""timeline":{"limit":50}}}"#
        )
    }

    @Test func loginUsesAPasswordAndAFixedDevice() throws {
        let request = MatrixLoginRequest(user: "sitrep", password: "pw", deviceID: "SITREPBOT")
        #expect(
            try Self.json(request)
                == #"{"device_id":"SITREPBOT","identifier":{"type":"m.id.user","user":"sitrep"},"#
                + #""initial_device_display_name":"sitrep","password":"pw","type":"m.login.password"}"#
        )
    }

    @Test func repliesAreNoticesWithPlainBodiesAndExplicitMentions() throws {
        #expect(
            try Self.json(MatrixOutgoingMessage.notice("ok", mentioning: ["@alice:x"]))
                == #"{"body":"ok","m.mentions":{"user_ids":["@alice:x"]},"msgtype":"m.notice"}"#)
        #expect(try Self.json(MatrixOutgoingMessage.text("page")).contains(#""msgtype":"m.text""#))
    }

    @Test func anIncidentRoomOpenToOtherRoomsIsRestrictedToTheirMembersOnVersionTen() throws {
        let body = try Self.json(
            MatrixCreateRoomRequest(name: "inc-1", aliasLocalpart: "inc-1", joinRestrictedTo: ["!ops:x", "!sre:x"]))
        #expect(
            body.contains(
                #""initial_state":[{"content":{"allow":[{"room_id":"!ops:x","type":"m.room_membership"},"#
                    + #"{"room_id":"!sre:x","type":"m.room_membership"}],"join_rule":"restricted"},"#
                    + #""state_key":"","type":"m.room.join_rules"}]"#), "\(body)")
        #expect(body.contains(#""room_version":"10""#))
        // Not the private preset, which a homeserver may encrypt by default; anyone in the room may invite.
        #expect(body.contains(#""preset":"public_chat""#) && body.contains(#""power_level_content_override":{"invite":0}"#))
    }

    @Test func aRoomOpenToNoOtherRoomKeepsThePresetsRuleAndTheServersVersion() throws {
        let body = try Self.json(MatrixCreateRoomRequest(name: "inc-1"))
        #expect(!body.contains("initial_state") && !body.contains("room_version"), "\(body)")
        #expect(body.contains(#""preset":"private_chat""#) && !body.contains("power_level_content_override"))
        let encrypted = try Self.json(MatrixCreateRoomRequest(name: "e2e", encrypted: true))
        #expect(encrypted.contains(#""type":"m.room.encryption""#) && !encrypted.contains("join_rules"))
    }

    @Test func pathsEscapeRoomEventAndUserIDs() {
        let txn = MatrixTransactionID.reply(to: "$ev", part: 0)
        #expect(
            MatrixPath.send(roomID: "!abc:localhost", eventType: "m.room.message", transactionID: txn)
                == "/_matrix/client/v3/rooms/%21abc%3Alocalhost/send/m.room.message/\(txn.rawValue)")
        let filterPath = MatrixPath.createFilter(userID: "@sitrep:localhost")
        #expect(filterPath == "/_matrix/client/v3/user/%40sitrep%3Alocalhost/filter")
        #expect(MatrixPath.join("#inc-1:localhost") == "/_matrix/client/v3/join/%23inc-1%3Alocalhost")
        #expect(MatrixPath.escape("grüße") == "gr%C3%BC%C3%9Fe")
    }

    @Test(arguments: ["@alice:localhost", "@a:b", "@sitrep:matrix.example.org:8448"])
    func validUserIDs(_ text: String) throws {
        let id = try #require(MatrixUserID(text))
        #expect(id.identity(network: "matrix") == .account(text, network: "matrix"))
        #expect("@\(id.localpart):\(id.serverName)" == text)
    }

    @Test(arguments: ["alice", "@alice", "@:localhost", "@alice:", "@al ice:localhost", "#room:localhost", ""])
    func invalidUserIDs(_ text: String) {
        #expect(MatrixUserID(text) == nil)
    }
}
