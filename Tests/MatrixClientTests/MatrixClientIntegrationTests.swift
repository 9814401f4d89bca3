import Logging
import Matrix
import MatrixClient
import SitrepCore
import SitrepTestSupport
import Testing

/// The Matrix edge against a real Synapse over TLS (deploy/local/synapse.sh).
@Suite(.enabled(if: LocalSynapse.shouldRun), .serialized)
struct MatrixClientIntegrationTests {
    static let logger = Logger(label: "matrix-client-test") { _ in SwiftLogNoOpLogHandler() }

    static func client(
        _ synapse: LocalSynapse, user: String, password: String? = nil, caFile: String?? = .none,
        maximumAttempts: Int = 8
    ) throws -> MatrixClient {
        let device = "TEST\(user.uppercased())"
        let configuration = MatrixClientConfiguration(
            homeserverURL: synapse.url,
            credentials: .password(user: user, password: password ?? synapse.password, deviceID: device),
            caFile: caFile ?? synapse.caFile, longPoll: .seconds(5), maximumAttempts: maximumAttempts)
        return try MatrixClient(configuration: configuration, logger: logger)
    }

    /// Syncs `client` from `cursor` until `found` returns a value from a response, or 20 s pass.
    static func sync<T>(
        _ client: MatrixClient, filterID: String, cursor: inout MatrixSyncCursor,
        until found: (MatrixSyncResponse) -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let response = try await client.sync(cursor.nextRequest(longPoll: .seconds(5)), filterID: filterID)
            cursor.committed(cursor.batch(for: response))
            if let value = found(response) { return value }
        }
        throw MatrixClientError.gaveUp(path: "test sync", attempts: 0, lastProblem: "not seen within 20 s")
    }

    @Test func theBotLogsInJoinsReadsAndRepliesOnceOverTLS() async throws {
        let synapse = try LocalSynapse.require()
        let bot = try Self.client(synapse, user: synapse.botUser)
        let alice = try Self.client(synapse, user: "alice")
        defer { Task { try? await bot.shutdown(); try? await alice.shutdown() } }
        let me = try await bot.start()
        #expect(me.userID == synapse.userID(synapse.botUser) && me.deviceID == "TESTSITREP")
        try await alice.start()
        let filterID = try await bot.createFilter(MatrixSyncFilter())
        var cursor = MatrixSyncCursor(persisted: nil)
        _ = try await Self.sync(bot, filterID: filterID, cursor: &cursor) { $0 }  // catch up

        let roomID = try await alice.createRoom(
            MatrixCreateRoomRequest(name: "inc-test", invite: [synapse.userID(synapse.botUser)]))
        let inviter = try await Self.sync(bot, filterID: filterID, cursor: &cursor) {
            $0.rooms.invite[roomID]?.inviter(of: synapse.userID(synapse.botUser))
        }
        #expect(inviter == synapse.userID("alice"))
        #expect(try await bot.join(roomID) == roomID)
        #expect(try await bot.joinedRooms().contains(roomID))

        let ackID = try await alice.send(
            .text("!ack from alice"), to: roomID, transactionID: .action(incidentID: 1, kind: "test", sequence: 1))
        var mapper = MatrixEventMapper(botUserID: synapse.userID(synapse.botUser))
        let ack = try await Self.sync(bot, filterID: filterID, cursor: &cursor) { response in
            mapper.chatEvents(in: response, receivedAt: Timestamp(milliseconds: 0)).first { $0.id == ackID }
        }
        #expect(ack.kind == .message(text: "!ack from alice", style: .plain))
        #expect(ack.sender.identity == .account(synapse.userID("alice"), network: "matrix"))

        let reply = MatrixTransactionID.reply(to: ackID, part: 0)
        let first = try await bot.send(.notice("acknowledged"), to: roomID, transactionID: reply)
        let again = try await bot.send(.notice("acknowledged"), to: roomID, transactionID: reply)
        #expect(first == again)
        let notices = try await Self.sync(bot, filterID: filterID, cursor: &cursor) { response in
            let events = response.rooms.join[roomID]?.timeline.events ?? []
            let own = events.filter { $0.sender == synapse.userID(synapse.botUser) && $0.type == "m.room.message" }
            return events.isEmpty ? nil : own
        }
        #expect(notices.map(\.eventID) == [first])
        #expect(notices.first?.unsigned.transactionID == reply.rawValue)
    }

    @Test func aDeclinedInviteLeavesNothingBehindAndAGapIsPagedBack() async throws {
        let synapse = try LocalSynapse.require()
        let bot = try Self.client(synapse, user: synapse.botUser)
        let bob = try Self.client(synapse, user: "bob")
        defer { Task { try? await bot.shutdown(); try? await bob.shutdown() } }
        try await bot.start()
        try await bob.start()
        let botID = synapse.userID(synapse.botUser)
        let unwanted = try await bob.createRoom(MatrixCreateRoomRequest(name: "unwanted", invite: [botID]))
        try await bot.leave(unwanted, reason: MatrixInvitePolicy.declineReason)
        #expect(try await !bot.joinedRooms().contains(unwanted))
        // The inviter sees why (issue 20): the bot's leave carries the reason.
        let declined = try await bob.roomState(unwanted).compactMap { event -> MatrixMemberContent? in
            guard event.stateKey == botID, case .member(let member) = event.content else { return nil }
            return member
        }
        #expect(declined.map(\.membership) == ["leave"] && declined.first?.reason == MatrixInvitePolicy.declineReason)

        let roomID = try await bob.createRoom(MatrixCreateRoomRequest(name: "gap", invite: [botID]))
        #expect(try await bot.join(roomID) == roomID)
        let filterID = try await bot.createFilter(MatrixSyncFilter(timelineLimit: 2))
        var cursor = MatrixSyncCursor(persisted: nil)
        _ = try await Self.sync(bot, filterID: filterID, cursor: &cursor) { $0 }
        for index in 1...5 {
            _ = try await bob.send(
                .text("away \(index)"), to: roomID,
                transactionID: MatrixTransactionID(parts: [roomID, "away", "\(index)"]))
        }
        let response = try await bot.sync(cursor.nextRequest(longPoll: .zero), filterID: filterID)
        let batch = cursor.batch(for: response)
        let gap = try #require(batch.gaps.first { $0.roomID == roomID })
        let page = try await bot.messages(over: gap)
        let timeline = response.rooms.join[roomID]?.timeline.events ?? []
        let bodies = (page.chronological + timeline).compactMap { event -> String? in
            if case .message(let message) = event.content { message.body } else { nil }
        }
        #expect(bodies == (1...5).map { "away \($0)" })
    }

    @Test func aRateLimitedUserWaitsAndLosesNothing() async throws {
        let synapse = try LocalSynapse.require()
        let dave = try Self.client(synapse, user: "dave")
        defer { Task { try? await dave.shutdown() } }
        try await dave.start()
        let roomID = try await dave.createRoom(MatrixCreateRoomRequest(name: "flood"))
        let run = Int64(ContinuousClock.now.hashValue & 0xffff)
        var sent: [String] = []
        for index in 0..<12 {
            let id = MatrixTransactionID.action(incidentID: run, kind: "flood", sequence: Int64(index))
            sent.append(try await dave.send(.notice("line \(index)"), to: roomID, transactionID: id))
        }
        #expect(Set(sent).count == 12)
        #expect(await dave.statistics.rateLimited >= 1)  // Synapse's default burst is 10
        let filterID = try await dave.createFilter(MatrixSyncFilter(timelineLimit: 50))
        let timeline = try await dave.sync(MatrixSyncRequest(since: nil, timeout: .zero), filterID: filterID)
        let bodies = (timeline.rooms.join[roomID]?.timeline.events ?? []).compactMap { event -> String? in
            if case .message(let message) = event.content { message.body } else { nil }
        }
        #expect(bodies == (0..<12).map { "line \($0)" })
    }

    @Test func aWrongPasswordIsRefusedAtOnce() async throws {
        let synapse = try LocalSynapse.require()
        let client = try Self.client(synapse, user: "carol", password: "wrong")
        defer { Task { try? await client.shutdown() } }
        await #expect {
            try await client.start()
        } throws: { error in
            guard case .rejected(_, 403, let body) = error as? MatrixClientError else { return false }
            return body.errcode == "M_FORBIDDEN"
        }
        #expect(await client.statistics.requests == 1)
    }

    @Test func anInvalidTokenWithoutPasswordIsReported() async throws {
        let synapse = try LocalSynapse.require()
        let client = try MatrixClient(
            configuration: MatrixClientConfiguration(
                homeserverURL: synapse.url, credentials: .accessToken("not-a-token"), caFile: synapse.caFile),
            logger: Self.logger)
        defer { Task { try? await client.shutdown() } }
        await #expect(throws: MatrixClientError.tokenRejected) { try await client.start() }
    }

    @Test func aCertificateNotSignedByATrustedCAIsRefused() async throws {
        let synapse = try LocalSynapse.require()
        let client = try Self.client(synapse, user: "bob", caFile: .some(nil), maximumAttempts: 2)
        defer { Task { try? await client.shutdown() } }
        await #expect {
            try await client.start()
        } throws: { error in
            if case .tlsFailed = error as? MatrixClientError { return true }
            return false
        }
    }
}
