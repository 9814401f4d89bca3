import Foundation
import SitrepCore
import SitrepTestSupport
import Testing

/// The active/standby pair as an operator runs it: two `sitrep run` processes on one PostgreSQL database and
/// the real InspIRCd over TLS, with scripted people running a SEV1 whose page is still pending. `kill -9` of the
/// active instance mid-incident: the standby is back in the channel within 10 s, every line said before and
/// after is on the timeline once, the gap is marked, and the pending page goes out once, from the new active
/// instance. An alert webhook sent to the standby is handled by the active instance.
@Suite(.ircServersAvailable, .postgresAvailable, .ircServers(.shared))
struct FailoverEndToEndTests {
    @Test(.timeLimit(.minutes(3)))
    func killingTheActiveInstanceMidIncidentHandsTheIncidentToTheStandbyWithNothingLostOrSentTwice() async throws {
        let servers = try IRCTestServers.require()
        let postgres = try LocalPostgres.require()
        let pair = try FailoverPair(servers: servers, postgres: postgres)
        try await pair.withDatabase(on: postgres) {
            let scene = try await FailoverScene.enter(pair, servers: servers)
            let (carol, bob, fromBot) = (scene.carol, scene.bob, scene.fromBot)
            let a = try await scene.startActive("a", of: pair)
            let b = try pair.start("b")
            let standby = await poll(upTo: .seconds(20)) {
                let health = await pair.health("b")
                return health.contains("instance: b (standby)") && health.contains("active: a (epoch 1)")
            }
            #expect(standby != nil, "b serves /healthz as the standby and names a as active\n\(b.logTail())")

            // An alert webhook sent to the standby is queued in the store and posted by the active instance.
            let alert = #"{"source":"grafana","alerts":[{"id":"disk-db3","title":"Disk full on db-3"}]}"#
            let queued = await HTTP.get(pair.url("b", "/hooks/generic"), token: pair.token, postJSON: alert)
            #expect(queued?.status == 200, "\(queued?.body ?? "no answer")")
            _ = try await carol.waitForLine(timeout: .seconds(15), "the active instance posts the standby's alert") {
                fromBot($0) && $0.params.last?.contains("Disk full on db-3") == true
            }

            try await carol.say(pair.announce, "!declare sev1 Payments API down")
            let channel = pair.prefix + "1"
            _ = try await carol.waitForLine(timeout: .seconds(30), "invitation") {
                $0.command == "INVITE" && $0.params.last?.lowercased() == channel.lowercased()
            }
            for user in [carol, bob] { try await user.join(channel) }
            let before = ["payments 5xx at 60%", "rolled back the config push", "still failing on eu-west"]
            for line in before { try await carol.say(channel, line) }
            let recorded = await poll(upTo: .seconds(20)) {
                let texts = await pair.timeline("a", incident: 1).compactMap { $0["text"] as? String }
                return before.allSatisfy(texts.contains)
            }
            #expect(recorded != nil, "a recorded the lines\n\(a.logTail())")

            // The machine of the active instance dies.
            let clock = ContinuousClock()
            let killedAt = clock.now
            a.kill9()
            #expect(await a.exited(), "SIGKILL ends the process")
            let rejoin = try await carol.waitForLine(timeout: .seconds(30), "the standby joins the incident channel") {
                $0.command == "JOIN" && fromBot($0) && $0.params.first?.lowercased() == channel.lowercased()
            }
            let takeover = killedAt.duration(to: clock.now)
            print("failover: the standby was back in \(channel) \(takeover) after kill -9 of the active instance")
            #expect(takeover < .seconds(10), "takeover within 10 s\n\(b.logTail())")
            #expect(rejoin.sourceNick != nil)

            // The SEV1's page to bob was pending (25 s after the declaration): it goes out once, from b.
            let page = try await bob.waitForLine(timeout: .seconds(40), "the pending page") {
                $0.command == "PRIVMSG" && fromBot($0) && $0.params.first?.lowercased() == bob.nick.lowercased()
            }
            #expect(page.params.last?.contains("INC-1") == true)
            let after = "eu-west recovered after the failover"
            try await carol.say(channel, after)
            try await bob.say(channel, "!ack")
            _ = try await bob.waitForLine(timeout: .seconds(30), "ack reply from the new active instance") {
                $0.command == "NOTICE" && fromBot($0) && $0.params.last?.lowercased().contains("acknowledged") == true
            }
            await #expect(throws: (any Error).self, "no second page") {
                try await bob.waitForLine(timeout: .seconds(3), "a second page") {
                    $0.command == "PRIVMSG" && fromBot($0) && $0.params.first?.lowercased() == bob.nick.lowercased()
                }
            }

            var timeline: [[String: Any]] = []
            _ = await poll(upTo: .seconds(15)) {
                timeline = await pair.timeline("b", incident: 1)
                return timeline.contains { ($0["text"] as? String) == after }
            }
            // Each person's lines in the order they said them (two connections' lines may interleave either way).
            func said(by account: String) -> [String] {
                timeline.filter { ($0["kind"] as? String) == "message" && ($0["account"] as? String) == account }
                    .compactMap { $0["text"] as? String }
            }
            #expect(said(by: "carol") == before + [after], "every line once, in order, across the failover")
            #expect(said(by: "bob") == ["!ack"])
            let gaps = timeline.filter { ($0["kind"] as? String) == "gap" }.compactMap { $0["text"] as? String }
            #expect(gaps.count == 1 && gaps.first?.contains("a stopped; b took over") == true, "\(gaps)")
            let health = await pair.health("b")
            #expect(health.contains("instance: b (active)") && health.contains("active: b (epoch 2)"), "\(health)")
            #expect(health.contains("takeovers: 1"), "\(health)")
            let metrics = await HTTP.get(pair.url("b", "/metrics"))?.body ?? ""
            #expect(metrics.contains("sitrep_failover_takeovers_total{instance=\"b\"} 1"), "\(metrics.prefix(400))")

            await b.stop()
            await scene.leave()
        }
    }
}
