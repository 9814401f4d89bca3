import Foundation
import Matrix
import MatrixClient
import SitrepApp
import SitrepCore
import Testing

/// Escalation on Matrix driven by the timers, not by a command: a SEV1 nobody acknowledges pages the first tier
/// by direct message and invites them into the incident room. Part of the serialized end-to-end suite.
extension MatrixBotEndToEndTests {
    @Test(.timeLimit(.minutes(2))) func aSev1NobodyAcknowledgesPagesTheResponderByDirectMessageAndInvitesThem()
        async throws
    {
        try await Self.paging { setup, alice, bob, bobID in
            var config = setup.config
            config.escalation = SitrepConfig.Escalation(
                policies: [
                    "critical": EscalationPolicy(
                        name: "critical",
                        tiers: [.init(notify: [.person(.account(bobID, network: "matrix"))], after: .seconds(3))])
                ],
                policyNameBySeverity: [.sev1: "critical"])
            config.timers = SitrepConfig.Timers(
                bySeverity: [.sev1: SeverityTimers(acknowledgeDeadline: .seconds(3), updateEvery: .seconds(600))])
            let parts = try SitrepApplication.makeParts(config: config, logger: Self.logger)
            try await Self.running(parts) {
                let incidentRoom = try await Self.declare(
                    as: alice, botID: setup.botID, alias: setup.alias, title: "Payments down", severity: "sev1")
                // Nobody acknowledges: after 3 s bob is paged in a direct-message room and invited to the incident.
                let directRoom = try await setup.directRoom(with: bobID)
                try await bob.waitForInvites(to: [incidentRoom, directRoom], from: setup.botID, for: bobID)
                _ = try await bob.client.join(directRoom)
                let page = try await bob.page(from: setup.botID, in: directRoom)
                #expect(page.contains("INC-1"), "\(page)")
                try await parts.writer.drain()
                let timeline = try await parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
                #expect(
                    timeline.contains { $0.kind == .lifecycle && $0.detail?.encoded.contains("timer=escalation") == true },
                    "the page is on the timeline")
            }
        }
    }
}
