import AsyncHTTPClient
import Logging
import Matrix
import NIOCore
import NIOHTTP1
import NIOSSL
import SitrepCore

/// The HTTP edge to a Matrix homeserver: logs in, syncs and sends, over TLS verified like the IRC connection.
///
/// Every request goes through one retry loop decided by `MatrixRetryPolicy`: a 429 waits what the server asks,
/// server and network errors back off with jitter, an expired token triggers one new login (password
/// credentials only), anything else fails with a `MatrixClientError`. A send carries its transaction id in the
/// path, so each retry is the same request and the server posts the message once.
public actor MatrixClient {
    public let configuration: MatrixClientConfiguration
    /// Counters for tests and benchmarks: requests made, 429s met, other retries.
    public private(set) var statistics = Statistics()
    /// The user the access token belongs to, once known.
    public private(set) var userID: String?

    let httpClient: HTTPClient
    let baseURLForRequests: String
    let logger: Logger
    private var accessToken: String?

    var currentAccessToken: String? { accessToken }
    func countRequest() { statistics.requests += 1 }
    func recordRateLimit() { statistics.rateLimited += 1 }
    func recordFailure() { statistics.retriedFailures += 1 }

    /// What the client has done so far.
    public struct Statistics: Sendable, Equatable {
        public var requests = 0
        public var rateLimited = 0
        public var retriedFailures = 0
    }

    public init(configuration: MatrixClientConfiguration, logger: Logger) throws {
        let url = try configuration.baseURL()
        let tls = try configuration.tlsConfiguration()
        self.configuration = configuration
        self.baseURLForRequests = url
        self.logger = logger
        self.httpClient = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        if case .accessToken(let token) = configuration.credentials { accessToken = token }
    }

    /// Releases the connections; call once when done.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Logs in with the configured password (a no-op with an access token) and asks who the token belongs to.
    @discardableResult
    public func start() async throws -> MatrixWhoAmI {
        if case .password = configuration.credentials { try await login() }
        let me = try await whoami()
        userID = me.userID
        return me
    }

    /// `POST /login` with the configured password and fixed device id.
    @discardableResult
    public func login() async throws -> MatrixLoginResponse {
        guard case .password(let user, let password, let deviceID) = configuration.credentials else {
            throw MatrixClientError.tokenRejected
        }
        let body = try MatrixJSON.encode(MatrixLoginRequest(user: user, password: password, deviceID: deviceID))
        let response: MatrixLoginResponse = try await call(.POST, MatrixPath.login, body: body, authenticated: false)
        accessToken = response.accessToken
        userID = response.userID
        logger.info("matrix login", metadata: ["user": "\(response.userID)", "device": "\(response.deviceID ?? "-")"])
        return response
    }

    public func whoami() async throws -> MatrixWhoAmI {
        try await call(.GET, MatrixPath.whoami)
    }

    /// Stores `filter` for the logged-in user; returns the id to sync with.
    public func createFilter(_ filter: MatrixSyncFilter) async throws -> String {
        guard let userID else { throw MatrixClientError.notLoggedIn }
        let body = try MatrixJSON.encode(filter)
        let created: MatrixFilterCreated = try await call(.POST, MatrixPath.createFilter(userID: userID), body: body)
        return created.filterID
    }

    /// One `/sync`; the server may hold it open for `request.timeout`.
    public func sync(_ request: MatrixSyncRequest, filterID: String?) async throws -> MatrixSyncResponse {
        try await call(.GET, request.path(filterID: filterID), timeout: request.timeout + configuration.requestTimeout)
    }

    /// Sends `message` into `roomID` under `transactionID`; returns the event id (the same one on a repeat).
    public func send(
        _ message: MatrixOutgoingMessage, to roomID: String, transactionID: MatrixTransactionID
    ) async throws -> String {
        let path = MatrixPath.send(roomID: roomID, eventType: "m.room.message", transactionID: transactionID)
        let created: MatrixEventCreated = try await call(.PUT, path, body: try MatrixJSON.encode(message))
        return created.eventID
    }

    /// Joins a room (or accepts an invite); returns the room id.
    public func join(_ roomIDOrAlias: String) async throws -> String {
        let joined: MatrixRoomCreated = try await call(.POST, MatrixPath.join(roomIDOrAlias), body: Array("{}".utf8))
        return joined.roomID
    }

    /// Leaves `roomID`, or declines its invitation; `reason` is shown to the room (the inviter sees why).
    public func leave(_ roomID: String, reason: String? = nil) async throws {
        let body = try reason.map { try MatrixJSON.encode(["reason": $0]) } ?? Array("{}".utf8)
        let _: MatrixEmptyResponse = try await call(.POST, MatrixPath.leave(roomID: roomID), body: body)
    }

    /// Marks `roomID` read up to `eventID` with a public read receipt, as a person's client does when they look.
    public func sendReadReceipt(in roomID: String, upTo eventID: String) async throws {
        let _: MatrixEmptyResponse = try await call(
            .POST, MatrixPath.readReceipt(roomID: roomID, eventID: eventID), body: Array("{}".utf8))
    }

    /// One page of `roomID`'s history back over `gap` (see `MatrixSyncBatch.Gap`), oldest event first.
    public func messages(over gap: MatrixSyncBatch.Gap, limit: Int = 100) async throws -> MatrixMessagesResponse {
        guard let from = gap.from else { return MatrixMessagesResponse(chunk: [], start: gap.to, end: nil) }
        return try await call(
            .GET, MatrixPath.messagesBackward(roomID: gap.roomID, from: from, to: gap.to, limit: limit))
    }

    /// Up to `limit` events of `roomID` before `token` (a sync's `next_batch`), newest first: a room's recent
    /// history as the account sees it.
    public func history(of roomID: String, before token: String, limit: Int = 100) async throws
        -> MatrixMessagesResponse
    {
        try await call(.GET, MatrixPath.messagesBackward(roomID: roomID, from: token, to: nil, limit: limit))
    }

    public func createRoom(_ request: MatrixCreateRoomRequest) async throws -> String {
        let created: MatrixRoomCreated = try await call(
            .POST, MatrixPath.createRoom, body: try MatrixJSON.encode(request))
        return created.roomID
    }

    /// Sets the topic of `roomID`; returns the state event's id.
    @discardableResult
    public func setTopic(_ topic: String, in roomID: String) async throws -> String {
        let body = try MatrixJSON.encode(["topic": topic])
        let created: MatrixEventCreated = try await call(
            .PUT, MatrixPath.state(roomID: roomID, eventType: "m.room.topic"), body: body)
        return created.eventID
    }

    /// The current state of `roomID` (members, power levels, aliases…); events that do not decode are skipped.
    public func roomState(_ roomID: String) async throws -> [MatrixEvent] {
        let events: [LossyStateEvent] = try await call(.GET, MatrixPath.roomState(roomID: roomID))
        return events.compactMap(\.event)
    }

    /// Invites `userID` into `roomID`.
    public func invite(_ userID: String, to roomID: String) async throws {
        let body = try MatrixJSON.encode(["user_id": userID])
        let _: MatrixEmptyResponse = try await call(.POST, MatrixPath.invite(roomID: roomID), body: body)
    }

    /// The logged-in user's `m.direct` account data: their direct-message rooms by person; empty when none was
    /// ever stored.
    public func directRooms() async throws -> MatrixDirectRooms {
        guard let userID else { throw MatrixClientError.notLoggedIn }
        do {
            return try await call(.GET, MatrixPath.accountData(userID: userID, type: MatrixDirectRooms.type))
        } catch MatrixClientError.rejected(_, 404, _) {
            return MatrixDirectRooms()
        }
    }

    /// Replaces the logged-in user's `m.direct` account data.
    public func setDirectRooms(_ rooms: MatrixDirectRooms) async throws {
        guard let userID else { throw MatrixClientError.notLoggedIn }
        let _: MatrixEmptyResponse = try await call(
            .PUT, MatrixPath.accountData(userID: userID, type: MatrixDirectRooms.type),
            body: try MatrixJSON.encode(rooms))
    }

    public func joinedRooms() async throws -> [String] {
        let rooms: MatrixJoinedRooms = try await call(.GET, MatrixPath.joinedRooms)
        return rooms.joinedRooms
    }
}
