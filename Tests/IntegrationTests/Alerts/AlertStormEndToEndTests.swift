import Foundation
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Synchronization
import Testing

/// An alert storm with the default configuration against the real InspIRCd: 500 generic-hook calls while a
/// person types commands and a critical alert arrives. Every reply and the new incident's announcement reach the
/// channel within 5 s, and the bulk alert lines are capped and coalesced (the rest in a "…and N more" summary).
@Suite(.ircServersAvailable, .ircServers(.shared))
struct AlertStormEndToEndTests {
    static let token = "e2e-storm-token"
    static let storm = 500
    static let deadline = Duration.seconds(5)

    @Test func repliesAndNewIncidentsArriveWithinFiveSecondsDuringAStormOf500Alerts() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-storm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#inc") + "-"
        let announce = BotConfiguration.unique("#announce")
        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        config.irc?.pacing = SitrepConfig.Pacing()
        let port = try FreePort.pick()
        config.web = SitrepConfig.Web(host: "127.0.0.1", port: port)
        config.alerts = SitrepConfig.Alerts(
            token: Secret(Self.token),
            policy: AlertPolicy(rules: [AlertRule(match: ["severity": ["critical"]], action: .declare)]))
        let maxLines = try #require(config.alerts?.policy.maxLines)
        let alice = try await ScriptedIRCUser.loggedIn("alice", servers: servers)
        try await alice.join(announce)
        let botNick = try #require(config.irc?.nick)
        try await RunningApp.with(config) { _ in
            _ = try await alice.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            let started = ContinuousClock.now
            let posted = StormProgress()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.storm(port: port, posted: posted) }
                while posted.count < 50 { try await Task.sleep(for: .milliseconds(20)) }
                for round in 1...3 {
                    try await Self.expectWhoamiAnswered(by: alice, in: announce, round: round)
                }
                let critical = try await Self.post(
                    Self.alert(id: "checkout-5xx", title: "Checkout returns 500s", severity: "critical"), port: port)
                #expect(critical.status == 200, "\(critical.body)")
                let declaredAt = ContinuousClock.now
                _ = try await alice.waitForLine(timeout: Self.deadline, "INC-1 announced within 5 s") {
                    $0.command == "NOTICE" && $0.params.first?.lowercased() == announce.lowercased()
                        && $0.params.last?.contains("INC-1 [SEV1] Checkout returns 500s") == true
                }
                let announced = ContinuousClock.now - declaredAt
                #expect(announced < Self.deadline)
                print("alert storm: INC-1 announced \(announced) after its hook call was answered")
                try await Self.expectWhoamiAnswered(by: alice, in: announce, round: 4)
                try await group.waitForAll()
            }
            // The held alerts come as one coalesced post when the channel's window (30 s) ends, in the last lane:
            // a bulk line goes only from a full pacing budget (about one every 4 s), so its summary comes last.
            let summary = try await alice.waitForLine(timeout: .seconds(90), "the coalesced summary") {
                $0.command == "NOTICE" && $0.params.first?.lowercased() == announce.lowercased()
                    && $0.params.last?.hasPrefix("…and ") == true
            }
            #expect(summary.params.last?.contains("more firing") == true)
            let bulk = alice.recentLines.map(IRCLine.init).filter { line in
                Self.isAlertPost(line, from: botNick, in: announce)
            }
            let elapsed = ContinuousClock.now - started
            let windows = Int(elapsed / AlertPostCoalescer<ContinuousClock.Instant>.defaultWindow) + 1
            // Twice the window's lines per window, and the one line of the alert that declared INC-1.
            #expect(bulk.count <= 2 * (maxLines + 1) * windows + 1, "\(bulk.count) alert lines, \(Self.storm) alerts")
            print("alert storm: \(bulk.count) alert lines for \(Self.storm + 1) alerts in \(elapsed)")
        }
        await alice.quit()
    }

    /// A bot's alert line (or summary) in the announce channel.
    static func isAlertPost(_ line: IRCLine, from bot: String, in channel: String) -> Bool {
        guard line.command == "NOTICE", line.sourceNick == bot, line.params.first?.lowercased() == channel.lowercased(),
            let text = line.params.last
        else { return false }
        return text.hasPrefix("alert ") || text.hasPrefix("…and ")
    }

    /// Alice types `!whoami` in the announce channel and gets the answer within 5 s.
    static func expectWhoamiAnswered(by alice: ScriptedIRCUser, in channel: String, round: Int) async throws {
        let nick = alice.nick
        try await alice.say(channel, "!whoami")
        let asked = ContinuousClock.now
        _ = try await alice.waitForLine(timeout: deadline, "!whoami answered within 5 s (round \(round))") {
            $0.command == "NOTICE" && $0.params.first?.lowercased() == channel.lowercased()
                && $0.params.last?.hasPrefix("\(nick): you are") == true
        }
        let answered = ContinuousClock.now - asked
        #expect(answered < deadline)
        print("alert storm: !whoami round \(round) answered after \(answered)")
    }

    /// 500 generic-hook calls of one warning alert each, eight at a time.
    static func storm(port: Int, posted: StormProgress) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<storm {
                if index >= 8 { try await group.next() }
                group.addTask {
                    let answer = try await post(
                        alert(id: "disk-\(index)", title: "Disk \(index) 85% full", severity: "warning"), port: port)
                    #expect(answer.status == 200, "\(answer.body)")
                    posted.add()
                }
            }
            try await group.waitForAll()
        }
    }

    static func alert(id: String, title: String, severity: String) -> String {
        let name = id.split(separator: "-").first ?? ""
        return #"{"source":"grafana","alerts":[{"id":"\#(id)","title":"\#(title)","severity":"\#(severity)","#
            + #""labels":{"alertname":"\#(name)"}}]}"#
    }

    static func post(_ body: String, port: Int) async throws -> (status: Int, body: String) {
        try await AlertEndToEndTests.post(body, port: port, token: token, path: "/hooks/generic")
    }
}

/// How many storm calls the hook has answered so far.
final class StormProgress: Sendable {
    private let answered = Atomic(0)

    var count: Int { answered.load(ordering: .relaxed) }

    func add() { answered.add(1, ordering: .relaxed) }
}
