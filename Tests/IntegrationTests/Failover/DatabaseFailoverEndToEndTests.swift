import Foundation
import SitrepCore
import SitrepTestSupport
import Testing

/// The database side of the pair: a synchronously replicated PostgreSQL primary and hot standby, two `sitrep run`
/// processes listing both hosts, scripted people in an incident on the real InspIRCd. The primary is stopped and
/// the standby promoted 2–2.8 s later, mid-incident, while people type lines and notes: the active instance keeps
/// its lease and carries on against the new primary, every line said and every note confirmed stored once.
@Suite(.ircServersAvailable, .postgresAvailable, .ircServers(.shared))
struct DatabaseFailoverEndToEndTests {
    @Test(.timeLimit(.minutes(3)))
    func promotingTheStandbyDatabaseMidIncidentLosesNothingConfirmed() async throws {
        let servers = try IRCTestServers.require()
        let database = try await LocalPostgresPair.up(basePort: 25_480)
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

        // The database primary dies at a random moment of the lease's renewal cycle (renewed every second); the
        // operator (or a tool) promotes the standby 2–2.8 s later. People keep typing and noting meanwhile.
        try await Task.sleep(for: .milliseconds(Int.random(in: 0..<1_000)))
        try await database.stopPrimary()
        let stopped = ContinuousClock.now
        let promoteAt = stopped + .milliseconds(Int.random(in: 2_000...2_800))
        var during: [String] = []
        var notes: [String] = []
        while ContinuousClock.now < promoteAt {
            let line = "primary database gone, still typing \(during.count + 1)"
            try await carol.say(channel, line)
            during.append(line)
            if during.count % 5 == 1 {
                notes.append("!note replica lag checked \(notes.count + 1)")
                try await bob.say(channel, notes.last!)
            }
            try await Task.sleep(for: .milliseconds(150))
        }
        try await database.promote()
        FileHandle.standardError.write(Data("database failover: promoted \(stopped.duration(to: .now)) after the stop\n".utf8))
        let after = "standby promoted, carrying on"
        try await carol.say(channel, after)
        try await bob.say(channel, "!mitigated index rebuilt from the replica")
        _ = try await bob.waitForLine(timeout: .seconds(40), "a lifecycle reply after the promotion") {
            $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains("mitigated") == true
        }
        var noteReplies = 0
        while noteReplies < notes.count {
            _ = try await bob.waitForLine(timeout: .seconds(20), "the reply to each note typed during the failover") {
                fromBot($0) && $0.params.last?.contains("note recorded") == true
            }
            noteReplies += 1
        }

        var timeline: [[String: Any]] = []
        let complete = await poll(upTo: .seconds(30)) {
            timeline = await pair.timeline("a", incident: 1)
            // Both people's last lines: the server's flood control may hold carol's burst back for a while.
            let texts = timeline.compactMap { $0["text"] as? String }
            return texts.contains("!mitigated index rebuilt from the replica") && texts.contains(after)
        }
        #expect(complete != nil, "\(a.logTail())")
        // Each person's lines in the order they said them (two connections' lines may interleave either way).
        func said(by account: String) -> [String] {
            timeline.filter { ($0["kind"] as? String) == "message" && ($0["account"] as? String) == account }
                .compactMap { $0["text"] as? String }
        }
        #expect(said(by: "carol") == before + during + [after], "every line once, in order, across the database failover")
        #expect(said(by: "bob") == ["!ack"] + notes + ["!mitigated index rebuilt from the replica"])
        #expect(timeline.filter { ($0["kind"] as? String) == "note" }.count == notes.count, "every note once")
        #expect(timeline.contains { ($0["kind"] as? String) == "lifecycle" && ($0["text"] as? String)?.contains("acknowledged") == true })
        #expect(await pair.health("a").contains("instance: a (active)"), "the bot kept its lease through it")
        #expect(!a.logTail(10_000).contains("stepping down"), "the database failover cost the lease\n\(a.logTail())")
        await scene.leave()
        pair.killAll()
        await database.destroy()
    }
}
