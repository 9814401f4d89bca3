import Testing

@testable import PostgresNIO
@testable import PostgresStore
import StoreKit

/// When the store may run an operation again after its host went away, and when it must say a write's outcome is
/// unknown.
struct HostFailureTests {
    private static func server(_ sqlState: String) -> PSQLError {
        .server(.init(fields: [.sqlState: sqlState, .message: "server says \(sqlState)"]))
    }

    private static let closed = PSQLError.serverClosedConnection(underlying: nil)

    private static func transaction(begin: (any Error)? = nil, body: (any Error)? = nil, commit: (any Error)? = nil)
        -> PostgresTransactionError
    {
        var error = PostgresTransactionError(file: #file, line: #line)
        error.beginError = begin
        error.closureError = body
        error.commitError = commit
        return error
    }

    private static func isRetry(_ failure: HostFailure) -> Bool {
        if case .retry = failure { return true }
        return false
    }

    private static func isUnknown(_ failure: HostFailure) -> Bool {
        if case .outcomeUnknown = failure { return true }
        return false
    }

    @Test(arguments: ["57P01", "57P02", "57P03", "25006"])
    func aShutdownOrReadOnlyHostBeforeCommitIsRepeated(sqlState: String) {
        #expect(Self.isRetry(HostFailure(Self.transaction(begin: Self.server(sqlState)), isRead: false)))
        #expect(Self.isRetry(HostFailure(Self.transaction(body: Self.server(sqlState)), isRead: false)))
    }

    @Test func aConnectionLostDuringCommitLeavesAWriteUnknownButARepeatableRead() {
        let cutOff = Self.transaction(commit: Self.closed)
        #expect(Self.isUnknown(HostFailure(cutOff, isRead: false)))
        #expect(Self.isRetry(HostFailure(cutOff, isRead: true)))
    }

    @Test func aSingleStatementIsRepeatedOnlyIfItIsAReadOrCertainlyDidNotRun() {
        #expect(Self.isUnknown(HostFailure(Self.closed, isRead: false)))
        #expect(Self.isRetry(HostFailure(Self.closed, isRead: true)))
        #expect(Self.isRetry(HostFailure(PSQLError.poolClosed, isRead: false)), "the pool lent no connection")
        #expect(Self.isRetry(HostFailure(Self.server("25006"), isRead: false)), "the server refused to write")
        #expect(Self.isUnknown(HostFailure(Self.server("57P01"), isRead: false)))
    }

    @Test func otherFailuresAreNotAboutTheHost() {
        #expect(HostFailure(Self.server("23505"), isRead: false) == .unrelated)
        #expect(HostFailure(Self.transaction(body: StoreError.unknownIncident(7)), isRead: false) == .unrelated)
        #expect(HostFailure(Self.transaction(commit: Self.server("40001")), isRead: false) == .unrelated)
    }
}
