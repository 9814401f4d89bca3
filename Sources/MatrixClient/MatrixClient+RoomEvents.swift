import Matrix

/// Room events beyond plain sends: full message contents (edits), redactions and arbitrary state. sitrep's tests
/// act as people with these (edit a line, redact it, raise someone's power level); the bot itself may use them to
/// raise a lead's power level.
extension MatrixClient {
    /// Sends `content` (for example an edit, `m.relates_to` `m.replace`) into `roomID`; returns the event id.
    public func send(
        content: MatrixMessageContent, to roomID: String, transactionID: MatrixTransactionID
    ) async throws -> String {
        let path = MatrixPath.send(roomID: roomID, eventType: "m.room.message", transactionID: transactionID)
        let created: MatrixEventCreated = try await call(.PUT, path, body: try MatrixJSON.encode(content))
        return created.eventID
    }

    /// Redacts `eventID` in `roomID`, with an optional reason; returns the redaction's event id.
    @discardableResult
    public func redact(
        _ eventID: String, in roomID: String, reason: String? = nil, transactionID: MatrixTransactionID
    ) async throws -> String {
        let body = try MatrixJSON.encode(reason.map { ["reason": $0] } ?? [:])
        let path = MatrixPath.redact(roomID: roomID, eventID: eventID, transactionID: transactionID)
        let created: MatrixEventCreated = try await call(.PUT, path, body: body)
        return created.eventID
    }

    /// The content of the state event `eventType` (key `stateKey`) of `roomID`, every field as written.
    public func stateContent(
        _ eventType: String, stateKey: String = "", in roomID: String
    ) async throws -> [String: MatrixJSONValue] {
        try await call(.GET, MatrixPath.state(roomID: roomID, eventType: eventType, stateKey: stateKey))
    }

    /// Sets the state event `eventType` (key `stateKey`) of `roomID` to `content`, replacing it whole; returns
    /// the state event's id.
    @discardableResult
    public func setState(
        _ eventType: String, stateKey: String = "", to content: some Encodable & Sendable, in roomID: String
    ) async throws -> String {
        let path = MatrixPath.state(roomID: roomID, eventType: eventType, stateKey: stateKey)
        let created: MatrixEventCreated = try await call(.PUT, path, body: try MatrixJSON.encode(content))
        return created.eventID
    }
}
