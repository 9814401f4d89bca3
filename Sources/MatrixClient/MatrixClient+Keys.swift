import Matrix

/// The end-to-end encryption calls: publishing the device's keys, finding and claiming other devices' keys, and
/// sending to devices (room keys).
extension MatrixClient {
    /// Publishes device keys and one-time keys; returns the one-time key counts the server now holds.
    public func uploadKeys(_ request: MatrixKeysUploadRequest) async throws -> [String: Int] {
        let response: MatrixKeysUploadResponse = try await call(
            .POST, MatrixPath.keysUpload, body: try MatrixJSON.encode(request))
        return response.oneTimeKeyCounts
    }

    /// The devices of `users` with their keys.
    public func queryKeys(of users: [String]) async throws -> MatrixKeysQueryResponse {
        try await call(.POST, MatrixPath.keysQuery, body: try MatrixJSON.encode(MatrixKeysQueryRequest(users: users)))
    }

    /// One one-time key of each device.
    public func claimKeys(_ request: MatrixKeysClaimRequest) async throws -> MatrixKeysClaimResponse {
        try await call(.POST, MatrixPath.keysClaim, body: try MatrixJSON.encode(request))
    }

    /// Sends `request`'s content to its devices as events of `eventType`; the transaction id makes a retry safe.
    public func sendToDevice<Content: Encodable & Sendable>(
        _ request: MatrixSendToDeviceRequest<Content>, eventType: String, transactionID: MatrixTransactionID
    ) async throws {
        let _: MatrixEmptyResponse = try await call(
            .PUT, MatrixPath.sendToDevice(eventType: eventType, transactionID: transactionID),
            body: try MatrixJSON.encode(request))
    }
}

extension MatrixClient {
    /// Sends an `m.room.encrypted` event into `roomID`; returns its event id.
    @discardableResult
    public func sendEncrypted(
        _ content: MatrixEncryptedContent, to roomID: String, transactionID: MatrixTransactionID
    ) async throws -> String {
        let created: MatrixEventCreated = try await call(
            .PUT, MatrixPath.send(roomID: roomID, eventType: "m.room.encrypted", transactionID: transactionID),
            body: try MatrixJSON.encode(content))
        return created.eventID
    }
}
