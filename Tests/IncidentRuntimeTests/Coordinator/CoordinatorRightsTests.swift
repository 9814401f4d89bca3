import CoordinatorTestSupport
import IncidentRuntime
import SitrepCore
import Testing

private typealias H = CoordinatorHarness

/// `incidents.grant_chat_rights`: `/lead` and `/role` ask the network to give the holder rights in the incident's
/// channel only when the operator turned it on, and only when the command was done.
@Suite("Chat rights for leads and role holders")
struct CoordinatorRightsTests {
    static var enabled: CoordinatorSettings {
        var settings = H.settings
        settings.grantChatRights = true
        return settings
    }

    /// The grants of rights the coordinator asked the network for so far.
    static func grants(_ network: RecordingChatNetwork) -> [ChatAction] {
        network.actions.filter { if case .grantRights = $0 { true } else { false } }
    }

    @Test(arguments: ["!lead bob", "!lead", "!role comms bob", "!role scribe"])
    func aCommandNamingAHolderGivesThemRightsInTheIncidentChannel(_ command: String) async throws {
        try await H.run(settings: Self.enabled) { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.clear()
            await h.say(command, by: H.alice, in: "#inc-1", at: 10)
            let incident = try #require(try await h.store.incident(id: 1))
            let holder = try #require(command.hasPrefix("!lead") ? incident.lead : incident.roles.values.first)
            #expect(holder.nick == (command.hasSuffix("bob") ? "bob" : "alice"))
            #expect(Self.grants(h.network) == [.grantRights(person: holder, channel: incident.channel.name)])
        }
    }

    @Test(arguments: ["!lead bob", "!role comms bob"])
    func nothingIsGrantedWhenTheSwitchIsOff(_ command: String) async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await h.say(command, by: H.alice, in: "#inc-1", at: 10)
            #expect(h.network.said(to: "#inc-1").contains { $0.contains("bob") })
            #expect(Self.grants(h.network).isEmpty)
        }
    }

    @Test func otherCommandsGrantNothing() async throws {
        try await H.run(settings: Self.enabled) { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            for command in ["!ack", "!note looking at it", "!sev sev1", "!escalate bob"] {
                await h.say(command, by: H.alice, in: "#inc-1", at: 10)
            }
            #expect(Self.grants(h.network).isEmpty)
        }
    }

    @Test func aRefusedLeadChangeGrantsNothing() async throws {
        try await H.run(settings: Self.enabled) { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await h.say("!lead mallory", by: H.mallory, in: "#inc-1", at: 10)
            await h.say("!lead", by: H.alice, in: "#inc-1", at: 20)
            h.network.clear()
            await h.say("!lead mallory", by: H.bob, in: "#inc-1", at: 30)
            #expect(try await h.store.incident(id: 1)?.lead == H.alice)
            #expect(Self.grants(h.network).isEmpty)
        }
    }
}
