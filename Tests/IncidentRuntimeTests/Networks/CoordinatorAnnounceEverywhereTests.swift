import CoordinatorTestSupport
import IncidentRuntime
import SitrepCore
import Testing

/// With IRC and Matrix connected, an announcement goes to the announce channel of every network, whichever
/// network the incident was declared on.
@Suite struct CoordinatorAnnounceEverywhereTests {
    static let settings: CoordinatorSettings = {
        var settings = CoordinatorHarness.settings
        settings.otherAnnounceChannels = ["#incidents:example.org"]
        return settings
    }()

    @Test func aDeclarationIsAnnouncedOnEveryNetworkAndTheAnnounceRoomsAreJoinedAtStart() async throws {
        try await CoordinatorHarness.run(settings: Self.settings) { harness in
            #expect(
                harness.network.actions.prefix(2) == [
                    .join(channel: "#incidents"), .join(channel: "#incidents:example.org"),
                ])
            await harness.say("!declare sev2 Checkout returns 500s", by: CoordinatorHarness.alice, in: "#ops")
            let irc = harness.network.said(to: "#incidents")
            let matrix = harness.network.said(to: "#incidents:example.org")
            #expect(irc.count == 1 && irc.first?.contains("Checkout returns 500s") == true)
            #expect(matrix == irc)
        }
    }

    @Test func declaringInOneAnnounceChannelStillAnnouncesInTheOther() async throws {
        try await CoordinatorHarness.run(settings: Self.settings) { harness in
            await harness.say("!declare sev2 Checkout returns 500s", by: CoordinatorHarness.alice, in: "#incidents")
            #expect(harness.network.said(to: "#incidents:example.org").count == 1)
            #expect(harness.network.said(to: "#incidents").allSatisfy { !$0.hasPrefix("INC-") })
        }
    }
}
