import SitrepCore
import Testing

/// Who `ChatRightsGrant` gives rights to, and where: the holder the command leaves in place, in the incident's
/// channel, and only when enabled.
@Suite("Deciding chat rights for leads and role holders")
struct ChatRightsGrantTests {
    static var led: Incident {
        var incident = Fixtures.incident()
        incident.lead = Fixtures.alice
        incident.roles["comms"] = Fixtures.bob
        return incident
    }

    @Test func theLeadGetsRightsInTheIncidentChannel() {
        let incident = Self.led
        #expect(
            ChatRightsGrant.actions(after: .lead(nick: "alice"), on: incident, enabled: true)
                == [.grantRights(person: Fixtures.alice, channel: incident.channel.name)])
        #expect(
            ChatRightsGrant.actions(after: .lead(nick: nil), on: incident, enabled: true)
                == [.grantRights(person: Fixtures.alice, channel: incident.channel.name)])
    }

    @Test(arguments: ["comms", "Comms"])
    func theRoleHolderGetsRights(_ role: String) {
        let incident = Self.led
        #expect(
            ChatRightsGrant.actions(after: .role(name: role, nick: "bob"), on: incident, enabled: true)
                == [.grantRights(person: Fixtures.bob, channel: incident.channel.name)])
    }

    @Test func nothingWhenDisabled() {
        #expect(ChatRightsGrant.actions(after: .lead(nick: "alice"), on: Self.led, enabled: false).isEmpty)
        #expect(ChatRightsGrant.actions(after: .role(name: "comms", nick: "bob"), on: Self.led, enabled: false).isEmpty)
    }

    @Test func nothingWithoutAHolder() {
        let unled = Fixtures.incident()
        #expect(ChatRightsGrant.actions(after: .lead(nick: "alice"), on: unled, enabled: true).isEmpty)
        #expect(ChatRightsGrant.actions(after: .role(name: "scribe", nick: "bob"), on: Self.led, enabled: true).isEmpty)
    }

    @Test(arguments: Array(Fixtures.intents.values))
    func onlyLeadAndRoleGrantAnything(_ intent: IncidentIntent) {
        let grants = ChatRightsGrant.actions(after: intent, on: Self.led, enabled: true)
        switch intent {
        case .lead, .role: #expect(grants.count == 1)
        default: #expect(grants.isEmpty)
        }
    }
}
