import Foundation
import Logging
import Matrix
import MatrixClient
import SitrepTestSupport
import Testing

/// The people of the cross-network tests on the local Synapse, each through a client of their own.
extension LocalSynapse {
    /// A logged-in client for `user` on its own test device (`XNET<user>` unless `device` names another).
    func client(_ user: String, device: String? = nil) async throws -> MatrixClient {
        let deviceID = device ?? "XNET\(user)"
        let configuration = MatrixClientConfiguration(
            homeserverURL: url, credentials: .password(user: user, password: password, deviceID: deviceID),
            caFile: caFile, longPoll: .seconds(5))
        let client = try MatrixClient(
            configuration: configuration, logger: Logger(label: "xnet") { _ in SwiftLogNoOpLogHandler() })
        do {
            try await client.start()
        } catch {
            // A client freed without a shutdown traps: a homeserver that is down fails the test, not the run.
            try? await client.shutdown()
            throw error
        }
        return client
    }
}

/// A person's view of their rooms: syncs from where it last stopped until something is seen.
final class MatrixWatcher: @unchecked Sendable {
    let client: MatrixClient
    private let filterID: String
    private var cursor = MatrixSyncCursor(persisted: nil)
    /// The `next_batch` of the last sync: where a read of a room's history starts.
    private(set) var latestBatch: String?

    /// Starts after everything the account has seen so far.
    init(_ client: MatrixClient) async throws {
        self.client = client
        filterID = try await client.createFilter(MatrixSyncFilter())
        _ = try await waitFor { $0 }
    }

    /// Syncs until `found` returns a value, for at most `timeout`.
    func waitFor<T>(timeout: Duration = .seconds(30), _ found: (MatrixSyncResponse) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let response = try await client.sync(cursor.nextRequest(longPoll: .seconds(5)), filterID: filterID)
            cursor.committed(cursor.batch(for: response))
            latestBatch = response.nextBatch
            if let value = found(response) { return value }
        }
        throw MatrixClientError.gaveUp(path: "test sync", attempts: 0, lastProblem: "not seen within \(timeout)")
    }

    /// The body of the first message from `sender` in `roomID` that contains `text`.
    func message(from sender: String, in roomID: String, containing text: String) async throws -> String {
        try await waitFor { response in
            response.rooms.join[roomID]?.timeline.events.lazy.compactMap { event -> String? in
                guard event.sender == sender, case .message(let message) = event.content,
                    message.body.contains(text)
                else { return nil }
                return message.body
            }.first
        }
    }
}

extension MatrixWatcher {
    /// The bodies of the messages `sender` posted in `roomID` so far (its last 100 events), oldest first.
    func messages(from sender: String, in roomID: String) async throws -> [String] {
        _ = try await waitFor { _ in true }
        let token = try #require(latestBatch)
        return try await client.history(of: roomID, before: token).chunk.reversed().compactMap { event in
            guard event.sender == sender, case .message(let message) = event.content else { return nil }
            return message.body
        }
    }
}
