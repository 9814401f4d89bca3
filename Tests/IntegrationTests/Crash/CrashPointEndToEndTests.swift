import Foundation
import SitrepCore
import SitrepTestSupport
import Testing

/// The real `sitrep` binary killed (SIGKILL, from inside: `SITREP_CRASH_AT`) at each crash point of a durable
/// path, then started again, against the real InspIRCd with the default configuration. After the restart:
/// every confirmed action is in the store, an escalation that was due goes on to the next tier, nothing is sent
/// twice unmarked (at most once more, marked, where IRC is not idempotent), the timeline chain verifies and the
/// gap is on it.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct CrashPointEndToEndTests {
    /// A SEV1 nobody acknowledges: the bot dies while tier 1 (bob) fires.
    @Test(.timeLimit(.minutes(10)), arguments: CrashPoint.timerPoints.map(\.rawValue))
    func anEscalationGoesOnToTheNextTierWhereverTheFiringWasCut(point: String) async throws {
        let scene = try await CrashScene.enter(servers: try IRCTestServers.require())
        let (carol, bob) = (scene.carol, scene.bob)
        let first = try scene.start(crashAt: point)
        try await scene.waitUntilJoined(first)
        try await carol.say(scene.announce, "!declare sev1 Checkout down")
        let channel = try await joinIncidentChannel(scene)
        #expect(await first.exited(within: .seconds(30)), "the bot dies at \(point)\n\(first.logTail())")
        #expect(first.wasKilled && first.logTail().contains("crash point \(point) reached"), "\(first.logTail())")

        let second = try scene.start()
        let tier2 = try await carol.waitForLine(timeout: .seconds(40), "carol's tier-2 page after the restart") {
            $0.command == "PRIVMSG" && scene.fromBot($0) && $0.params.first?.lowercased() == carol.nick.lowercased()
        }
        #expect(tier2.params.last?.contains("tier 2") == true, "\(tier2.raw)")
        let bobPages = await scene.pages(to: bob)
        #expect(
            (1...2).contains(bobPages.count),
            "bob is paged for tier 1, at most once more: \(bobPages)\n\(first.logTail(80))\n\(second.logTail(80))")
        if bobPages.count == 2 {
            #expect(bobPages[1].hasPrefix("(sent again after a restart; it may repeat)"), "\(bobPages)")
        }
        #expect(await scene.pages(to: carol).isEmpty, "carol is paged once")
        try await expectIntactWithGap(scene, channel: channel, process: second)
        await second.stop()
        await scene.leave()
    }

    /// The bot dies after claiming tier 1's page attempt (bob) and before sending it: after the restart the page
    /// still reaches bob, once, marked as resent, the attempt is stored as sent, and tier 2 goes on.
    @Test(.timeLimit(.minutes(10)))
    func aPageClaimedButNotSentBeforeTheCrashIsDeliveredOnceAfterTheRestart() async throws {
        let scene = try await CrashScene.enter(servers: try IRCTestServers.require())
        let (carol, bob) = (scene.carol, scene.bob)
        let first = try scene.start(crashAt: CrashPoint.pageClaimed.rawValue)
        try await scene.waitUntilJoined(first)
        try await carol.say(scene.announce, "!declare sev1 Checkout down")
        let channel = try await joinIncidentChannel(scene)
        #expect(await first.exited(within: .seconds(30)), "the bot dies at page.claimed\n\(first.logTail())")
        #expect(first.wasKilled, "\(first.logTail())")

        let second = try scene.start()
        _ = try await carol.waitForLine(timeout: .seconds(40), "carol's tier-2 page after the restart") {
            $0.command == "PRIVMSG" && scene.fromBot($0) && $0.params.first?.lowercased() == carol.nick.lowercased()
        }
        let bobPages = await scene.pages(to: bob)
        #expect(bobPages.count == 1, "bob gets tier 1 exactly once: \(bobPages)\n\(second.logTail(80))")
        // The firing's effect (its lines and pages) is resent by the effect fence, marked.
        #expect(bobPages.first?.hasPrefix("(sent again after a restart; it may repeat)") == true, "\(bobPages)")
        #expect(bobPages.first?.contains("You are paged for INC-1") == true, "\(bobPages)")
        try await expectIntactWithGap(scene, channel: channel, process: second)
        await second.stop()
        await scene.leave()
    }

    /// bob's rules mail him at once beside the chat page; the bot dies after the email is claimed and before it
    /// is sent. After the restart the email goes out, exactly once (the same Message-ID whatever happens).
    @Test(.timeLimit(.minutes(10)))
    func anEmailClaimedButNotSentBeforeTheCrashIsSentOnceAfterTheRestart() async throws {
        let sink = try LocalMailSink.require()
        let address = "bob-\(UInt32.random(in: 0...UInt32.max))@sitrep.test"
        let scene = try await CrashScene.enter(
            servers: try IRCTestServers.require(), extraYAML: CrashScene.emailYAML(sink: sink, bob: address),
            files: ["mail-password": sink.password])
        let first = try scene.start(crashAt: CrashPoint.outOfChatPageClaimed.rawValue)
        try await scene.waitUntilJoined(first)
        try await scene.carol.say(scene.announce, "!declare sev1 Checkout down")
        _ = try await joinIncidentChannel(scene)
        #expect(await first.exited(within: .seconds(30)), "the bot dies at the email's claim\n\(first.logTail())")
        #expect(first.wasKilled, "\(first.logTail())")
        #expect(try await sink.messages(to: address, timeout: .zero).isEmpty, "nothing was sent before the kill")

        let second = try scene.start()
        let emails = try await sink.messages(to: address, timeout: .seconds(40))
        #expect(emails.count == 1, "\(second.logTail(60))")
        #expect(emails.first?.contains("Subject: [sitrep] SEV1 INC-1 needs you: Checkout down") == true)
        try await Task.sleep(for: .seconds(3))
        #expect(try await sink.messages(to: address, timeout: .zero).count == 1, "and only once")
        await second.stop()
        await scene.leave()
    }

    /// bob acknowledges and the bot dies between the ack's commit and its reply, or right after the reply: the
    /// ack holds after the restart, and nobody is paged for the incident any more.
    @Test(.timeLimit(.minutes(10)), arguments: [CrashPoint.commandCommitted, .commandReplied].map(\.rawValue))
    func anAcknowledgementCommittedBeforeTheCrashStopsTheEscalation(point: String) async throws {
        let scene = try await CrashScene.enter(servers: try IRCTestServers.require())
        let (carol, bob) = (scene.carol, scene.bob)
        let first = try scene.start(crashAt: point)
        try await scene.waitUntilJoined(first)
        try await carol.say(scene.announce, "!declare sev1 Checkout down")
        let channel = try await joinIncidentChannel(scene)
        try await bob.say(channel, "!ack")
        #expect(await first.exited(within: .seconds(30)), "the bot dies at \(point)\n\(first.logTail())")

        let second = try scene.start()
        _ = try await carol.waitForLine(timeout: .seconds(40), "the bot rejoins the incident channel") {
            $0.command == "JOIN" && scene.fromBot($0) && $0.params.first?.lowercased() == channel.lowercased()
        }
        try await carol.say(channel, "!status")
        let status = try await carol.waitForLine(timeout: .seconds(15), "the status after the restart") {
            $0.command == "NOTICE" && scene.fromBot($0) && $0.params.last?.contains("acknowledged") == true
        }
        #expect(status.params.last?.contains("bob") == true, "\(status.raw)")
        // Tier 1 was due 4 s after the declaration and tier 2 6 s after that: neither comes after an ack.
        await #expect(throws: (any Error).self, "no page after the acknowledgement\n\(first.logTail())\n\(second.logTail())") {
            try await carol.waitForLine(timeout: .seconds(8), "a page to carol") {
                $0.command == "PRIVMSG" && scene.fromBot($0) && $0.params.first?.lowercased() == carol.nick.lowercased()
            }
        }
        #expect(await scene.pages(to: bob).count <= 2, "bob: tier 1 at most, once more when the crash cut it")
        try await expectIntactWithGap(scene, channel: channel, process: second)
        await second.stop()
        await scene.leave()
    }

    /// The bot dies right after a declaration is stored: after the restart it runs the incident (joins its
    /// channel, answers in it) and its escalation is planned.
    @Test(.timeLimit(.minutes(10)))
    func aDeclarationStoredBeforeTheCrashIsRunAfterTheRestart() async throws {
        let scene = try await CrashScene.enter(servers: try IRCTestServers.require())
        let carol = scene.carol
        let channel = scene.prefix + "1"
        try await carol.join(channel)
        let first = try scene.start(crashAt: CrashPoint.declareCommitted.rawValue)
        try await scene.waitUntilJoined(first)
        try await carol.say(scene.announce, "!declare sev2 Search is slow")
        #expect(await first.exited(within: .seconds(30)), "\(first.logTail())")
        let second = try scene.start()
        _ = try await carol.waitForLine(timeout: .seconds(40), "the bot joins the stored incident's channel") {
            $0.command == "JOIN" && scene.fromBot($0) && $0.params.first?.lowercased() == channel.lowercased()
        }
        try await carol.say(channel, "!status")
        let status = try await carol.waitForLine(timeout: .seconds(15), "the status of INC-1") {
            $0.command == "NOTICE" && scene.fromBot($0) && $0.params.first?.lowercased() == channel.lowercased()
        }
        #expect(status.params.last?.contains("Search is slow") == true, "\(status.raw)")
        try await expectIntactWithGap(scene, channel: channel, process: second)
        await second.stop()
        await scene.leave()
    }

    /// Alertmanager's webhook: the bot dies after storing the alert, or after declaring from it. Alertmanager
    /// retries a call that got no answer; after the restart exactly one incident exists for the alert.
    @Test(.timeLimit(.minutes(10)), arguments: CrashPoint.alertPoints.map(\.rawValue))
    func anAlertRetriedAfterTheCrashDeclaresOneIncident(point: String) async throws {
        let scene = try await CrashScene.enter(servers: try IRCTestServers.require())
        let first = try scene.start(crashAt: point)
        try await scene.waitUntilJoined(first)
        let payload = AlertEndToEndTests.payload(status: "firing")
        _ = try? await AlertEndToEndTests.post(payload, port: scene.webPort, token: scene.token, path: "/hooks/alertmanager", attempts: 1)
        #expect(await first.exited(within: .seconds(30)), "\(first.logTail())")
        let second = try scene.start()
        try await scene.waitUntilJoined(second)
        let retried = try await AlertEndToEndTests.post(payload, port: scene.webPort, token: scene.token)
        #expect(retried.status == 200, "\(retried.body)")
        let incidents = await poll(upTo: .seconds(15)) {
            guard let list = await HTTP.get("http://127.0.0.1:\(scene.webPort)/api/incidents")?.body else { return false }
            return list.contains("Checkout error rate")
        }
        #expect(incidents != nil, "\(second.logTail())")
        let list = await HTTP.get("http://127.0.0.1:\(scene.webPort)/api/incidents")?.body ?? ""
        #expect(list.components(separatedBy: "Checkout error rate above 5%").count - 1 == 1, "one incident: \(list)")
        #expect(try await scene.verify().contains("INC-1: intact"))
        #expect(!(try await scene.verify()).contains("INC-2"), "no second incident for the same alert")
        await second.stop()
        await scene.leave()
    }

    /// carol and bob join the new incident channel once the bot has said it is declared (the invitation waits
    /// behind every other line); returns its name.
    private func joinIncidentChannel(_ scene: CrashScene) async throws -> String {
        let channel = scene.prefix + "1"
        _ = try await scene.carol.waitForLine(timeout: .seconds(20), "the declaration naming \(channel)") {
            $0.command == "NOTICE" && scene.fromBot($0) && $0.params.last?.lowercased().contains(channel.lowercased()) == true
        }
        for user in [scene.carol, scene.bob] { try await user.join(channel) }
        return channel
    }

    /// The timeline chain verifies and the restart's gap is on the incident's timeline.
    private func expectIntactWithGap(_ scene: CrashScene, channel: String, process: SitrepProcess) async throws {
        let gap = await poll(upTo: .seconds(10)) {
            await scene.timeline(1).contains { ($0["kind"] as? String) == "gap" }
        }
        #expect(gap != nil, "the restart's gap is marked\n\(process.logTail())")
        let verified = try await scene.verify()
        #expect(verified.contains("INC-1: intact"), "\(verified)")
    }
}
