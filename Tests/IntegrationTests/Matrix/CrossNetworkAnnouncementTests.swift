import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// One sitrep connected to the local InspIRCd and the local Synapse at once, with an announce channel on IRC and
/// an announce room on Matrix: an incident declared on either network is announced on both.
@Suite(.ircServersAvailable, .ircServers(.shared), .enabled(if: LocalSynapse.shouldRun))
struct CrossNetworkAnnouncementTests {
    /// The Matrix account the bot runs as here; the Matrix suites run theirs as `carol` and `sitrep`.
    static let matrixBot = "dave"

    @Test(.timeLimit(.minutes(2))) func aDeclarationOnEitherNetworkIsAnnouncedOnTheOther() async throws {
        let servers = try IRCTestServers.require()
        let synapse = try LocalSynapse.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-xnet-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let tag = BotConfiguration.unique("")
        let prefix = "#inc\(tag)-"
        let announce = "#announce\(tag)"
        let botID = synapse.userID(Self.matrixBot)

        // Matrix: alice makes the announce room and invites the bot, which accepts because the room is configured.
        let alice = try await MatrixWatcher(try await synapse.client("alice"))
        defer { Task { try? await alice.client.shutdown() } }
        let announceRoom = try await alice.client.createRoom(
            MatrixCreateRoomRequest(name: "announce \(tag)", invite: [botID]))
        // IRC: carol sits in the announce channel.
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        try await carol.join(announce)

        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        config.matrix = SitrepConfig.Matrix(
            homeserver: synapse.url, userID: botID, credentials: .password(Secret(synapse.password)),
            deviceID: "XNETBOT\(tag)", caFile: synapse.caFile, rooms: [announceRoom], announceRoom: announceRoom)
        let botNick = try #require(config.irc?.nick)
        try await RunningApp.with(config) { app in
            _ = try await carol.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            _ = try await alice.waitFor { response -> Bool? in
                let joined = response.rooms.join[announceRoom]?.timeline.events.contains { event in
                    guard event.stateKey == botID, case .member(let member) = event.content else { return false }
                    return member.membership == "join"
                }
                return joined == true ? true : nil
            }

            // The bot's first sync is a catch-up whose history it does not act on: a `!declare` that lands before it
            // answers is history. Wait until it has answered (under CI's load it took seconds after the join).
            let deadline = ContinuousClock.now + .seconds(30)
            while app.parts.matrix?.network.isConnected != true, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(app.parts.matrix?.network.isConnected == true)

            let matrixTitle = "Matrix side outage \(tag)"
            _ = try await alice.client.send(
                .text("!declare sev2 \(matrixTitle)"), to: announceRoom,
                transactionID: MatrixTransactionID(parts: [tag, "declare"]))
            let onIRC = try await carol.waitForLine(timeout: .seconds(30), "the Matrix incident announced on IRC") {
                $0.command == "NOTICE" && $0.sourceNick == botNick
                    && $0.params.first?.lowercased() == announce.lowercased()
                    && $0.params.last?.contains(matrixTitle) == true
            }
            #expect(onIRC.params.last?.contains("INC-1") == true)

            let ircTitle = "IRC side outage \(tag)"
            try await carol.say(announce, "!declare sev3 \(ircTitle)")
            let onMatrix = try await alice.message(from: botID, in: announceRoom, containing: ircTitle)
            #expect(onMatrix.contains("INC-2"))

            let matrixIncident = try #require(try await app.parts.store.incident(id: 1))
            #expect(matrixIncident.channel.network == "matrix" && matrixIncident.title == matrixTitle)
            let ircIncident = try #require(try await app.parts.store.incident(id: 2))
            #expect(ircIncident.channel.network != "matrix" && ircIncident.title == ircTitle)
        }
        await carol.quit()
    }
}
