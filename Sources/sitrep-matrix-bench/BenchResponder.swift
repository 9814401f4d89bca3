import BenchSupport
import Foundation
import Logging
import Matrix
import MatrixClient

/// One Matrix user of the benchmark (a responder) with its own client and sync cursor: sends into rooms and
/// syncs until something it waits for shows up.
final class BenchResponder: @unchecked Sendable {
    let client: MatrixClient
    let userID: String
    private let filterID: String
    private var cursor = MatrixSyncCursor(persisted: nil)
    private let tag = "\(UInt32.random(in: 0...UInt32.max))"
    private let sent = Counter()
    /// The device's encryption, for `--encrypted` runs.
    private(set) var encryption: BenchEncryption?

    /// A thread-safe counter for the transaction ids of concurrent sends.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.withLock {
                value += 1
                return value
            }
        }
    }

    /// Logs in with a fresh device and syncs once, so later waits see only what happens from now on.
    init(homeserver: String, user: String, password: String, caFile: String?, encrypted: Bool = false, logger: Logger)
        async throws
    {
        let configuration = MatrixClientConfiguration(
            homeserverURL: homeserver,
            credentials: .password(user: user, password: password, deviceID: "BENCH\(tag)"),
            caFile: caFile, longPoll: .seconds(5), maximumAttempts: 8)
        client = try MatrixClient(configuration: configuration, logger: logger)
        userID = try await client.start().userID
        if encrypted {
            encryption = try await BenchEncryption(client: client, userID: userID, deviceID: "BENCH\(tag)")
        }
        filterID = try await client.createFilter(MatrixSyncFilter())
        _ = try await sync(for: .seconds(20)) { $0 }
    }

    /// Sends a text message; safe to call from several tasks at once (each send has its own transaction id).
    func say(_ text: String, in roomID: String) async throws {
        if let content = try encryption?.encrypted(text, in: roomID) {
            _ = try await client.sendEncrypted(
                content, to: roomID, transactionID: MatrixTransactionID(parts: [tag, "\(sent.next())"]))
            return
        }
        _ = try await client.send(
            .text(text), to: roomID, transactionID: MatrixTransactionID(parts: [tag, "\(sent.next())"]))
    }

    /// Syncs from the cursor until `found` returns a value, or `limit` passes.
    func sync<T>(for limit: Duration = .seconds(30), until found: (MatrixSyncResponse) -> T?)
        async throws -> T
    {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            var response = try await client.sync(
                cursor.nextRequest(longPoll: .seconds(5)), filterID: filterID)
            cursor.committed(cursor.batch(for: response))
            if let encryption { response = encryption.opened(response) }
            if let value = found(response) { return value }
        }
        throw MatrixClientError.gaveUp(
            path: "bench sync", attempts: 0, lastProblem: "not seen within \(limit)")
    }

    /// Waits for the next `m.notice` from `sender` in `roomID` whose body contains `text`; returns the body.
    func notice(from sender: String, in roomID: String, containing text: String) async throws
        -> String
    {
        try await sync { response in
            response.rooms.join[roomID]?.timeline.events.lazy.compactMap { event -> String? in
                guard event.sender == sender, case .message(let message) = event.content,
                    message.msgtype == "m.notice", message.body.contains(text)
                else { return nil }
                return message.body
            }.first
        }
    }
}
