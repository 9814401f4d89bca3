import Foundation
import SitrepCore
import Testing

/// The database side of the pair: a synchronously replicated PostgreSQL primary and hot standby, two `sitrep run`
/// processes listing both hosts, scripted people in an incident on the real InspIRCd. The primary is stopped and
/// the standby promoted mid-incident: sitrep carries on against the new primary, with every line and action
/// confirmed before the stop still there and the ones after it stored too.
@Suite(.ircServersAvailable, .postgresAvailable, .ircServers(.shared))
struct DatabaseFailoverEndToEndTests {
    @Test(.timeLimit(.minutes(3)))
    func promotingTheStandbyDatabaseMidIncidentLosesNothingConfirmed() async throws {
        let servers = try IRCTestServers.require()
        let database = try await PostgresPairForTests.up(basePort: 25_480)
        let pair = try FailoverPair(
            servers: servers, postgres: database.primary, database: database.primary.adminDatabase,
            postgresHosts: database.hosts)
        defer {
            pair.killAll()
            Task { await database.destroy() }
            try? FileManager.default.removeItem(at: pair.folder)
        }
        let scene = try await FailoverScene.enter(pair, servers: servers)
        let (carol, bob, fromBot) = (scene.carol, scene.bob, scene.fromBot)
        let a = try await scene.startActive("a", of: pair)
        _ = try pair.start("b")

        try await carol.say(pair.announce, "!declare sev2 Search results empty")
        let channel = pair.prefix + "1"
        _ = try await carol.waitForLine(timeout: .seconds(30), "invitation") {
            $0.command == "INVITE" && $0.params.last?.lowercased() == channel.lowercased()
        }
        for user in [carol, bob] { try await user.join(channel) }
        let before = ["index rebuild stuck at 40%", "reads fall back to the old index"]
        for line in before { try await carol.say(channel, line) }
        try await bob.say(channel, "!ack")
        _ = try await bob.waitForLine(timeout: .seconds(30), "ack confirmed before the database failover") {
            $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains("acknowledged") == true
        }
        let recorded = await poll(upTo: .seconds(20)) {
            let texts = await pair.timeline("a", incident: 1).compactMap { $0["text"] as? String }
            return before.allSatisfy(texts.contains)
        }
        #expect(recorded != nil, "\(a.logTail())")

        // The database primary dies; the operator (or a tool) promotes the standby.
        try await database.stopPrimary()
        let during = "primary database gone, still typing"
        try await carol.say(channel, during)
        try await database.promote()
        let after = "standby promoted, carrying on"
        try await carol.say(channel, after)
        try await bob.say(channel, "!mitigated index rebuilt from the replica")
        _ = try await bob.waitForLine(timeout: .seconds(40), "a lifecycle reply after the promotion") {
            $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains("mitigated") == true
        }

        var timeline: [[String: Any]] = []
        let complete = await poll(upTo: .seconds(30)) {
            timeline = await pair.timeline("a", incident: 1)
            return timeline.contains { ($0["text"] as? String) == "!mitigated index rebuilt from the replica" }
        }
        #expect(complete != nil, "\(a.logTail())")
        // Each person's lines in the order they said them (two connections' lines may interleave either way).
        func said(by account: String) -> [String] {
            timeline.filter { ($0["kind"] as? String) == "message" && ($0["account"] as? String) == account }
                .compactMap { $0["text"] as? String }
        }
        #expect(said(by: "carol") == before + [during, after], "every line once, in order, across the database failover")
        #expect(said(by: "bob") == ["!ack", "!mitigated index rebuilt from the replica"])
        #expect(timeline.contains { ($0["kind"] as? String) == "lifecycle" && ($0["text"] as? String)?.contains("acknowledged") == true })
        #expect(await pair.health("a").contains("instance: a (active)"), "the bot kept its lease through it")
        await scene.leave()
        pair.killAll()
        await database.destroy()
    }
}
