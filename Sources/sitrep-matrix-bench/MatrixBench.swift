import BenchSupport
import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore

/// The two measurements of the Matrix benchmark over one running sitrep and one responder.
struct MatrixBench: Sendable {
    let options: Options
    let parts: SitrepApplication.Parts
    let responder: BenchResponder
    let botID: String
    /// The alias of the incident room the bot makes on `!declare`.
    let alias: String

    /// The responder opens a room with the bot, declares there and joins the incident room the bot makes.
    func openIncident() async throws -> String {
        let encrypted = responder.encryption != nil
        let roomID = try await responder.client.createRoom(
            MatrixCreateRoomRequest(name: "bench", invite: [botID], encrypted: encrypted))
        _ = try await responder.sync { response -> Bool? in
            let joined = response.rooms.join[roomID]?.timeline.events.contains { event in
                guard event.stateKey == botID, case .member(let member) = event.content else {
                    return false
                }
                return member.membership == "join"
            }
            return joined == true ? true : nil
        }
        try await responder.encryption?.shareRoomKey(in: roomID, with: [botID], through: responder.client)
        try await responder.say("!declare sev2 matrix bench", in: roomID)
        // The reply and the invite to the incident room may come in one sync response or in two.
        var declared = false
        var invited: String?
        _ = try await responder.sync { response -> Bool? in
            declared =
                declared
                || (response.rooms.join[roomID]?.timeline.events ?? []).contains { event in
                    guard event.sender == botID, case .message(let message) = event.content else {
                        return false
                    }
                    return message.body.contains("declared")
                }
            invited = invited ?? response.rooms.invite.first { $0.value.canonicalAlias == alias }?.key
            return declared && invited != nil ? true : nil
        }
        let incidentRoom = try await responder.client.join(invited ?? alias)
        try await responder.encryption?.shareRoomKey(in: incidentRoom, with: [botID], through: responder.client)
        return incidentRoom
    }

    /// Phase 1: N messages with `senders` sends in flight; done when the end marker is committed in the store.
    func flood(into roomID: String) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let next = BenchResponder.Counter()
        try await withThrowingTaskGroup(of: Void.self) { senders in
            for _ in 0..<options.senders {
                senders.addTask {
                    while true {
                        let index = next.next() - 1
                        guard index < options.events else { return }
                        try await responder.say(
                            "flood \(index): looking at the replica lag graphs now", in: roomID)
                    }
                }
            }
            try await senders.waitForAll()
        }
        let accepted = start.duration(to: clock.now)
        try await responder.say("END-OF-FLOOD", in: roomID)
        while try await parts.store.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).last?.text
            != "END-OF-FLOOD"
        {
            try await Task.sleep(for: .milliseconds(5))
        }
        let recorded = start.duration(to: clock.now)
        let stored = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            .filter { $0.kind == .message && $0.text.hasPrefix("flood ") }.count
        let sendRate = Double(options.events) / seconds(accepted)
        let recordRate = Double(stored) / seconds(recorded)
        report(
            String(
                format: "send: Synapse accepted %d events in %.3f s = %.0f events/s", options.events,
                seconds(accepted), sendRate))
        report(
            String(
                format:
                    "record: sitrep committed %d events in %.3f s = %.0f events/s (from the first send); lost %d",
                stored, seconds(recorded), recordRate, options.events - stored))
        let lag = seconds(recorded) - seconds(accepted)
        let verdict =
            lag < 0.1 * seconds(accepted)
            ? "Synapse is the bottleneck: sitrep recorded the flood as fast as Synapse accepted it"
            : "sitrep is the bottleneck: it finished recording well after Synapse accepted the last event"
        report(
            String(
                format: "verdict: %@ (last event committed %.3f s after Synapse accepted it)", verdict, lag)
        )
    }

    /// Phase 2: one `!note` at a time, each timed until its `m.notice` reply shows up in the responder's sync.
    func commandRoundTrips(in roomID: String) async throws {
        let clock = ContinuousClock()
        var roundTrips: [Duration] = []
        _ = try await responder.sync { $0 }  // past the flood
        for index in 0..<options.commands {
            let sentAt = clock.now
            try await responder.say("!note bench note \(index)", in: roomID)
            _ = try await responder.notice(from: botID, in: roomID, containing: "note recorded")
            roundTrips.append(sentAt.duration(to: clock.now))
        }
        guard !roundTrips.isEmpty else { return }
        roundTrips.sort()
        func ms(_ fraction: Double) -> Double {
            seconds(roundTrips[min(roundTrips.count - 1, Int(Double(roundTrips.count) * fraction))])
                * 1000
        }
        report(
            String(
                format: "commands: %d !note round trips (send → bot's m.notice seen in sync): p50 %.1f ms, "
                    + "p99 %.1f ms, max %.1f ms", roundTrips.count, ms(0.5), ms(0.99), ms(1.0)))
    }
}
