import Foundation
import SitrepCore
import SitrepTestSupport
import Testing

/// The active instance of a pair dies (SIGKILL from inside, `SITREP_CRASH_AT`) at each point of a timer firing,
/// as a SEV1's tier 1 pages bob: the standby takes over, the escalation goes on to tier 2 (carol), bob is paged
/// at most once more (marked), and every chain verifies with the gap marked.
@Suite(.ircServersAvailable, .postgresAvailable, .ircServers(.shared))
struct FailoverCrashPointTests {
    @Test(.timeLimit(.minutes(10)), arguments: CrashPoint.timerPoints.map(\.rawValue))
    func theStandbyGoesOnToTheNextTierWhereverTheActiveOneDied(point: String) async throws {
        let servers = try IRCTestServers.require()
        let postgres = try LocalPostgres.require()
        let pair = try FailoverPair(servers: servers, postgres: postgres, escalation: FailoverPair.twoTiers)
        try await pair.withDatabase(on: postgres) {
            let scene = try await FailoverScene.enter(pair, servers: servers)
            let (carol, bob, fromBot) = (scene.carol, scene.bob, scene.fromBot)
            let a = try pair.start("a", environment: ["SITREP_CRASH_AT": point])
            _ = try await carol.waitForLine(timeout: .seconds(40), "instance a joins the announce channel") {
                $0.command == "JOIN" && fromBot($0)
            }
            let b = try pair.start("b")
            #expect(await pair.waitUntil("b", is: "standby"), "\(b.logTail())")

            try await carol.say(pair.announce, "!declare sev1 Payments API down")
            let channel = pair.prefix + "1"
            _ = try await carol.waitForLine(timeout: .seconds(20), "the declaration naming \(channel)") {
                $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains(channel.lowercased()) == true
            }
            for user in [carol, bob] { try await user.join(channel) }
            #expect(await a.exited(within: .seconds(30)), "a dies at \(point)\n\(a.logTail())")

            let tier2 = try await carol.waitForLine(timeout: .seconds(40), "carol's tier-2 page from b") {
                $0.command == "PRIVMSG" && fromBot($0) && $0.params.first?.lowercased() == carol.nick.lowercased()
            }
            #expect(tier2.params.last?.contains("tier 2") == true, "\(tier2.raw)\n\(b.logTail())")
            var bobPages: [String] = []
            while let page = try? await bob.waitForLine(timeout: .milliseconds(500), "a page", { line in
                line.command == "PRIVMSG" && fromBot(line) && line.params.first?.lowercased() == bob.nick.lowercased()
            }) {
                bobPages.append(page.params.last ?? "")
            }
            #expect((1...2).contains(bobPages.count), "bob: tier 1, at most once more\n\(bobPages)\n\(a.logTail())\n\(b.logTail())")
            if bobPages.count == 2 {
                #expect(bobPages[1].hasPrefix("(sent again after a failover; it may repeat)"), "\(bobPages)")
            }
            let gaps = await poll(upTo: .seconds(10)) {
                await pair.timeline("b", incident: 1).contains { ($0["kind"] as? String) == "gap" }
            }
            #expect(gaps != nil, "the takeover's gap is marked")
            await b.stop()
            await scene.leave()
        }
    }

    /// The standby dies (`takeover.leased`) the moment it took the lease from a dead active instance, before it
    /// rejoined or marked the gap; started again, as systemd would, it takes over and the escalation goes on.
    @Test(.timeLimit(.minutes(10)))
    func aStandbyThatDiesAsItTakesOverTakesOverWhenStartedAgain() async throws {
        let servers = try IRCTestServers.require()
        let postgres = try LocalPostgres.require()
        let pair = try FailoverPair(servers: servers, postgres: postgres, escalation: FailoverPair.twoTiers)
        try await pair.withDatabase(on: postgres) {
            let scene = try await FailoverScene.enter(pair, servers: servers)
            let (carol, bob, fromBot) = (scene.carol, scene.bob, scene.fromBot)
            let a = try await scene.startActive("a", of: pair)
            let b = try pair.start("b", environment: ["SITREP_CRASH_AT": CrashPoint.takeoverLeased.rawValue])
            #expect(await pair.waitUntil("b", is: "standby"), "\(b.logTail())")
            try await carol.say(pair.announce, "!declare sev1 Payments API down")
            let channel = pair.prefix + "1"
            _ = try await carol.waitForLine(timeout: .seconds(20), "the declaration naming \(channel)") {
                $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains(channel.lowercased()) == true
            }
            for user in [carol, bob] { try await user.join(channel) }
            _ = try await bob.waitForLine(timeout: .seconds(20), "bob's tier-1 page from a") {
                $0.command == "PRIVMSG" && fromBot($0) && $0.params.first?.lowercased() == bob.nick.lowercased()
            }
            a.kill9()
            #expect(await b.exited(within: .seconds(30)), "b dies as it takes over\n\(b.logTail())")
            #expect(b.logTail().contains("crash point takeover.leased reached"), "\(b.logTail())")
            let again = try pair.start("b")
            let tier2 = try await carol.waitForLine(timeout: .seconds(60), "carol's tier-2 page from b started again") {
                $0.command == "PRIVMSG" && fromBot($0) && $0.params.first?.lowercased() == carol.nick.lowercased()
            }
            #expect(tier2.params.last?.contains("tier 2") == true, "\(tier2.raw)\n\(again.logTail())")
            let gaps = await poll(upTo: .seconds(10)) {
                await pair.timeline("b", incident: 1).contains { ($0["kind"] as? String) == "gap" }
            }
            #expect(gaps != nil, "the takeover's gap is marked\n\(again.logTail())")
            await again.stop()
            await scene.leave()
        }
    }
}
