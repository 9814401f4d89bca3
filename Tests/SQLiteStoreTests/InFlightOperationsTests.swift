import Testing

@testable import PostgresStore

/// Operations stuck on a pool that is gone are given up; the others are left alone.
struct InFlightOperationsTests {
    @Test func anOperationStillWaitingWhenItsPoolIsGoneIsGivenUp() async throws {
        let operations = InFlightOperations()
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let (never, release) = AsyncStream<Void>.makeStream()
        async let stuck: Int = operations.run(generation: 3) {
            startedContinuation.yield()
            for await _ in never {}
            return 1
        }
        for await _ in started { break }
        operations.abandon(generation: 4)
        #expect(try await operations.run(generation: 4) { 2 } == 2, "another pool's operations still run")
        operations.abandon(generation: 3)
        do {
            _ = try await stuck
            Issue.record("the stuck operation returned instead of being given up")
        } catch {
            #expect(error is InFlightOperations.Abandoned)
        }
        release.finish()
    }
}
