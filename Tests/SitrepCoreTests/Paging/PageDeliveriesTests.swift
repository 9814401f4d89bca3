import SitrepCore
import Testing

@Suite struct PageDeliveriesTests {
    typealias T = TimerFixtures

    static func recipients(_ names: String...) -> [PageDeliveries.Recipient] {
        names.map { PageDeliveries.Recipient(person: .account($0), key: $0) }
    }

    @Test func aFailureIsTracedToItsPageOnceAndTheRoundFailsWhenNobodyWasReached() {
        var deliveries = PageDeliveries()
        deliveries.sent(incidentID: 4, level: 2, to: Self.recipients("bob", "dave"), at: T.at(minutes: 10))
        let bob = deliveries.undeliverable(key: "bob", at: T.at(minutes: 10, seconds: 1))
        #expect(bob == .init(incidentID: 4, person: .account("bob"), attemptID: nil, level: 2, nobodyReached: false))
        #expect(
            deliveries.undeliverable(key: "bob", at: T.at(minutes: 10, seconds: 1)) == nil,
            "the invitation's 401 is not a second failure")
        let dave = deliveries.undeliverable(key: "dave", at: T.at(minutes: 10, seconds: 2))
        #expect(dave?.nobodyReached == true)
    }

    @Test func anAnswerLongAfterThePageOrForSomeoneNotPagedIsNotAPageFailure() {
        var deliveries = PageDeliveries()
        deliveries.sent(incidentID: 4, level: 1, to: Self.recipients("bob"), at: T.at(minutes: 10))
        #expect(deliveries.undeliverable(key: "carol", at: T.at(minutes: 10, seconds: 1)) == nil)
        #expect(deliveries.undeliverable(key: "bob", at: T.at(minutes: 13)) == nil)
    }

    @Test func aNewRoundReplacesTheIncidentsPreviousOneAndTheLatestRoundWins() {
        var deliveries = PageDeliveries()
        deliveries.sent(incidentID: 4, level: 1, to: Self.recipients("bob"), at: T.at(minutes: 1))
        deliveries.sent(incidentID: 5, level: 1, to: Self.recipients("bob"), at: T.at(minutes: 2))
        #expect(deliveries.undeliverable(key: "bob", at: T.at(minutes: 2, seconds: 1))?.incidentID == 5)
        #expect(deliveries.undeliverable(key: "bob", at: T.at(minutes: 2, seconds: 1))?.incidentID == 4)
        deliveries.sent(incidentID: 4, level: 2, to: Self.recipients("dave"), at: T.at(minutes: 3))
        #expect(deliveries.rounds[4]?.level == 2 && deliveries.rounds[4]?.recipients.map(\.key) == ["dave"])
        deliveries.forget(incidentID: 4)
        #expect(deliveries.rounds[4] == nil)
    }
}
