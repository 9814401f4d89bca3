import Testing

@testable import PostgresStore

/// How soon the store looks again for a writable host after its host went away: within a quarter of a second,
/// so a promoted standby is found before the lease (renewed every second, retried within 0.4 s) is at risk.
struct SelectionBackoffTests {
    @Test func selectionRetriesWithinAQuarterOfASecondWhateverTheOutageLength() {
        var backoff = SelectionBackoff()
        let delays = (0..<40).map { _ in backoff.next() }
        #expect(Array(delays.prefix(4)) == [.milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(250)])
        #expect(delays.allSatisfy { $0 <= .milliseconds(250) })
    }
}
