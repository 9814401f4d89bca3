import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// The bot pages a person in one direct-message room across restarts: it finds the room in its `m.direct`
/// account data, and opens a new one only once the person left. Part of the serialized end-to-end suite.
extension MatrixBotEndToEndTests {
    @Test(.timeLimit(.minutes(3))) func pagesFromRunsOfTheBotShareOneDirectRoomUntilThePersonLeavesIt()
        async throws
    {
        try await Self.paging { setup, alice, bob, bobID in
            var incidentRoom = ""
            var directRoom = ""
            try await Self.running(try setup.makeParts()) {
                incidentRoom = try await Self.declare(as: alice, botID: setup.botID, alias: setup.alias)
                try await alice.say("!escalate \(bobID) first page", in: incidentRoom)
                directRoom = try await setup.directRoom(with: bobID)
                _ = try await bob.client.join(directRoom)
                #expect(try await bob.page(from: setup.botID, in: directRoom).contains("first page"))
            }
            try await Self.running(try setup.makeParts()) {
                try await alice.say("!escalate \(bobID) second page", in: incidentRoom)
                let page = try await bob.page(from: setup.botID, in: directRoom)
                #expect(page.contains("second page"), "the restarted bot pages bob in the room it opened before")
            }
            #expect(try await setup.directRoom(with: bobID) == directRoom, "no other room was opened")
            try await bob.client.leave(directRoom)
            try await Self.running(try setup.makeParts()) {
                try await alice.say("!escalate \(bobID) third page", in: incidentRoom)
                let newRoom = try await setup.directRoom(with: bobID, besides: directRoom)
                _ = try await bob.client.join(newRoom)
                let page = try await bob.page(from: setup.botID, in: newRoom)
                #expect(page.contains("third page"), "bob left the old room: a new one")
            }
        }
    }
}

extension MatrixBotEndToEndTests {
    /// For a test that pages bob: a fresh setup whose bot has an empty `m.direct`, alice and bob signed in, and
    /// bob's user id.
    static func paging(_ body: (Setup, _ alice: Person, _ bob: Person, _ bobID: String) async throws -> Void)
        async throws
    {
        try await withAliceAndBob { setup, alice, bob in
            try await setup.forgetDirectRooms()
            try await body(setup, alice, bob, setup.synapse.userID("bob"))
        }
    }
}

extension MatrixBotEndToEndTests.Setup {
    /// The bot's own account, for reading and resetting its `m.direct` account data.
    private func botAccount() async throws -> MatrixClient {
        let bot = try MatrixClientIntegrationTests.client(synapse, user: MatrixBotEndToEndTests.botUser)
        try await bot.start()
        return bot
    }

    /// Empties the bot's `m.direct`: the bot account is shared by every run of this suite, and a test that needs
    /// the bot to open a new direct-message room must not find one from an earlier run.
    func forgetDirectRooms() async throws {
        let bot = try await botAccount()
        try await bot.setDirectRooms(MatrixDirectRooms())
        #expect(try await bot.directRooms() == MatrixDirectRooms())
        try await bot.shutdown()
    }

    /// The newest direct-message room the bot recorded with `userID` in `m.direct` (other than `old`), as soon
    /// as there is one (within 20 s). Read from the account data rather than from invites: the shared test users
    /// carry invites from earlier runs, which a sync may show again.
    func directRoom(with userID: String, besides old: String? = nil) async throws -> String {
        let bot = try await botAccount()
        defer { Task { try? await bot.shutdown() } }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if let room = try await bot.directRooms().rooms(with: userID).first, room != old { return room }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw MatrixClientError.gaveUp(path: "m.direct", attempts: 0, lastProblem: "no direct room within 20 s")
    }
}

extension MatrixBotEndToEndTests.Person {
    /// Waits until `botID` invited `userID` into each of `rooms`.
    func waitForInvites(to rooms: Set<String>, from botID: String, for userID: String) async throws {
        var invited: Set<String> = []
        try await waitFor { response -> Bool? in
            invited.formUnion(response.rooms.invite.filter { $0.value.inviter(of: userID) == botID }.keys)
            return rooms.isSubset(of: invited) ? true : nil
        }
    }

    /// The body of the first page (`m.text`) from `botID` in `roomID`.
    func page(from botID: String, in roomID: String) async throws -> String {
        try await waitFor { response -> String? in
            response.rooms.join[roomID]?.timeline.events.lazy.compactMap { event -> String? in
                guard event.sender == botID, case .message(let message) = event.content else { return nil }
                return message.msgtype == "m.text" ? message.body : nil
            }.first
        }
    }
}
