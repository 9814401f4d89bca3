import Commands
import IncidentRuntime
import Logging
import Matrix
import MatrixClient
import ServiceLifecycle
import SitrepCore
import Synchronization

/// Runs the bot on a Matrix homeserver: logs in (`whoami`), stores the sync filter, joins the configured rooms,
/// then long-polls `/sync` for as long as it runs, feeding each batch's events to the incident coordinator in
/// order as network-neutral chat events (network `matrix`, the room id as the channel). Sends go out through the
/// network's per-room outbox, which this service also runs.
///
/// - The batch's `next_batch` is written in the same transaction as the batch's timeline lines (the writer holds
///   the lines until it is released with the checkpoint), and the loop resumes from the stored one after a
///   restart. Around each command of a batch a partial point is stored (`MatrixResumePoint`): before it, with
///   the lines before it; after it, once its change is committed and its sends have gone out, listing it. So
///   `next_batch` moves only when every event of the batch is recorded and every command answered; a restart
///   mid-batch records no line twice, and a command the dead run was handling is applied once and answered
///   once (`IncidentCoordinator.handleAgain`). Replies carry transaction ids derived from the event they
///   answer, so none is posted twice either.
/// - The first sync of a run, and the first after an outage, does not long-poll: its answer marks the network
///   connected (readiness, held deadlines) within a round trip of the login.
/// - The very first sync (no stored checkpoint) is a catch-up: its history is not fed (an old `!declare` must not
///   declare again); only its cursor is stored.
/// - A room the bot has just joined comes with its history; only the events after the bot's own join, and (for a
///   room it accepted an invite to) none older than the moment it accepted, are fed.
/// - Invites are accepted or declined by `MatrixInvitePolicy`. Without an encryption key, an encrypted room gets a
///   notice that the bot cannot read it (and is left, for an invite), and so does a room that turns encrypted;
///   with one (`crypto`), room keys from each batch's to-device messages open its encrypted events before they
///   are mapped, and the device's state is stored with the batch's checkpoint.
/// - A live timeline that left events out (`limited`) is completed from `/messages` before it is fed, page by
///   page (at most `maximumGapPages`; beyond that the rest is logged as lost).
/// - 5xx and network errors that outlast the client's own retries back off with jitter and are recorded as a gap
///   on the open incidents once the homeserver answers again; a rejected token or TLS failure stops the service.
public struct MatrixSyncService: Service {
    let client: MatrixClient
    let network: MatrixChatNetwork
    let coordinator: IncidentCoordinator
    let writer: TimelineWriter
    let store: any IncidentStore
    let invitePolicy: MatrixInvitePolicy
    /// Whether a user id holds a configured role on Matrix (commander, responder), for invites.
    let inviterHasRole: @Sendable (String) -> Bool
    /// Room ids or aliases to join at start.
    let rooms: [String]
    let longPoll: Duration
    let filter: MatrixSyncFilter
    let logger: Logger
    let clock: @Sendable () -> Timestamp
    /// Told when the homeserver answers or stops answering, so deadlines of Matrix incidents due during an outage
    /// wait for it.
    let timers: TimerService?
    /// The bot device's encryption, when `matrix.encryption_key_*` is set.
    let crypto: MatrixCryptoEngine?
    /// The configured device id (the one the bot logs in on), when the homeserver does not say.
    let deviceID: String
    /// Told when a person read their direct-message room (the pager marks their pages read).
    let directRoomRead: (@Sendable (_ userID: String, _ at: Timestamp) async -> Void)?

    public init(
        client: MatrixClient, network: MatrixChatNetwork, coordinator: IncidentCoordinator, writer: TimelineWriter,
        store: any IncidentStore, invitePolicy: MatrixInvitePolicy,
        inviterHasRole: @escaping @Sendable (String) -> Bool,
        rooms: [String], longPoll: Duration = .seconds(30), filter: MatrixSyncFilter = MatrixSyncFilter(),
        logger: Logger,
        clock: @escaping @Sendable () -> Timestamp = IRCIncidentBridge.now, timers: TimerService? = nil,
        crypto: MatrixCryptoEngine? = nil, deviceID: String = ConfigDefaults.matrixDeviceID,
        directRoomRead: (@Sendable (_ userID: String, _ at: Timestamp) async -> Void)? = nil
    ) {
        self.directRoomRead = directRoomRead
        self.crypto = crypto
        self.deviceID = deviceID
        self.timers = timers
        self.client = client
        self.network = network
        self.coordinator = coordinator
        self.writer = writer
        self.store = store
        self.invitePolicy = invitePolicy
        self.inviterHasRole = inviterHasRole
        self.rooms = rooms
        self.longPoll = longPoll
        self.filter = filter
        self.logger = logger
        self.clock = clock
    }

    /// Rooms whose invite the bot accepted and that have not yet come back joined, with when it accepted.
    private final class Arrivals: Sendable {
        let joinedAt = Mutex<[String: Timestamp]>([:])
    }
    private let arrivals = Arrivals()

    /// Syncs until shutdown. On a graceful shutdown the sync stops at once and the sends already queued still go
    /// out (each room's lane drains), so a reply decided before the shutdown is not lost.
    public func run() async throws {
        defer {
            network.outbox.finish()
            connectionChanged(to: false)
        }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await network.outbox.run() }
                group.addTask {
                    do {
                        try await cancelWhenGracefulShutdown { try await syncForever() }
                    } catch is CancellationError {
                        logger.debug("matrix sync stopped")
                    }
                    network.outbox.finish()
                }
                while try await group.next() != nil {}
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try? await client.shutdown()
    }

    private func syncForever() async throws {
        let filterID = try await connect()
        var mapper = MatrixEventMapper(network: network.id, botUserID: network.botUserID)
        try await learnRooms(&mapper)
        try await coordinator.start()
        network.outbox.open()
        let resume = MatrixResumePoint(stored: try await store.checkpoint(stream: network.id))
        var cursor = MatrixSyncCursor(persisted: resume.since)
        cursor.reconnecting()
        var alreadyHandled = resume.handled
        // The first batch after a start may repeat the one a dead run was handling.
        var mayRepeat = resume.since != nil
        var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(60))
        var random = SystemRandomNumberGenerator()
        var lostAt: Timestamp?
        while !Task.isCancelled {
            let response: MatrixSyncResponse
            do {
                response = try await client.sync(cursor.nextRequest(longPoll: longPoll), filterID: filterID)
            } catch let error as MatrixClientError where Self.isFatal(error) {
                throw error
            } catch is CancellationError {
                return
            } catch {
                lostAt = lostAt ?? clock()
                connectionChanged(to: false)
                cursor.reconnecting()
                let wait = backoff.nextDelay(using: &random)
                logger.warning("matrix sync failed; retrying", metadata: ["error": "\(error)", "wait": "\(wait)"])
                try await Task.sleep(for: wait)
                continue
            }
            backoff.reset()
            cursor.answered()
            if !network.isConnected { connectionChanged(to: true) }
            if let since = lostAt {
                lostAt = nil
                await coordinator.connectionInterrupted(from: since, to: clock())
            }
            let batch = cursor.batch(for: response)
            guard batch.hasNews else { continue }
            await apply(response, batch: batch, skipping: alreadyHandled, mayRepeat: mayRepeat, mapper: &mapper)
            alreadyHandled = []
            mayRepeat = false
            cursor.committed(batch)
        }
    }

    private func connectionChanged(to connected: Bool) {
        network.setConnected(connected)
        timers?.setConnected(connected, network: network.id)
    }

    /// Logs in (retrying while the homeserver is unreachable), then stores the filter; returns its id.
    private func connect() async throws -> String {
        var backoff = ReconnectBackoff(initial: .seconds(1), maximum: .seconds(60))
        var random = SystemRandomNumberGenerator()
        while true {
            do {
                let me = try await client.start()
                logger.info("matrix connected", metadata: ["user": "\(me.userID)"])
                try await crypto?.start(userID: me.userID, deviceID: me.deviceID ?? deviceID)
                let filterID = try await client.createFilter(filter)
                for room in rooms { await join(room) }
                return filterID
            } catch let error as MatrixClientError where Self.isFatal(error) {
                throw error
            } catch {
                let wait = backoff.nextDelay(using: &random)
                logger.warning("matrix login failed; retrying", metadata: ["error": "\(error)", "wait": "\(wait)"])
                try await Task.sleep(for: wait)
            }
        }
    }

    /// Before the first sync: rejoins the rooms of open Matrix incidents (so their aliases resolve to room ids
    /// before any of their events arrive) and learns the state of every joined room (members, display names,
    /// power levels), which incremental syncs after a restart do not repeat.
    private func learnRooms(_ mapper: inout MatrixEventMapper) async throws {
        for incident in try await store.openIncidents() where incident.channel.network == network.id {
            await join(incident.channel.name)
        }
        for roomID in try await client.joinedRooms() {
            do {
                let state = try await client.roomState(roomID)
                network.learn(state: state, in: roomID)
                mapper.learn(state: state, in: roomID)
            } catch {
                logger.warning("cannot read matrix room state", metadata: ["room": "\(roomID)", "error": "\(error)"])
            }
        }
    }

    /// Errors that retrying cannot fix: the operator must change the configuration.
    static func isFatal(_ error: MatrixClientError) -> Bool {
        switch error {
        case .tokenRejected, .tlsFailed, .invalidHomeserverURL, .cannotLoadCAFile, .rejected: true
        case .gaveUp, .unreadableResponse, .notLoggedIn: false
        }
    }

    private func join(_ room: String) async {
        do {
            let roomID = try await client.join(room)
            if room.hasPrefix("#") { network.remember(alias: room, roomID: roomID) }
        } catch {
            logger.error("cannot join matrix room", metadata: ["room": "\(room)", "error": "\(error)"])
        }
    }

    /// One batch: learn the rooms, answer invites, feed the events, store the cursor with the lines. `mayRepeat`:
    /// the batch may repeat commands a dead run applied (the first batch after a start).
    private func apply(
        _ response: MatrixSyncResponse, batch: MatrixSyncBatch, skipping alreadyHandled: Set<String>,
        mayRepeat: Bool, mapper: inout MatrixEventMapper
    ) async {
        // Room keys first, then the room events they open.
        let response = await crypto?.absorb(response, decrypting: !batch.isCatchUp) ?? response
        let encrypted = network.absorb(response)
        var missed: [String: [MatrixEvent]] = [:]
        for gap in batch.gaps { missed[gap.roomID] = await events(over: gap) }
        let events = batch.isCatchUp ? [] : chatEvents(in: response, before: missed, mapper: &mapper)
        if batch.isCatchUp { _ = mapper.chatEvents(in: response, receivedAt: clock()) }
        var point = MatrixResumePoint(since: batch.since, handled: alreadyHandled)
        writer.hold()
        for event in events {
            if let id = event.id, point.handled.contains(id) { continue }
            logger.trace(
                "matrix event",
                metadata: [
                    "room": "\(event.channel?.name ?? "-")", "id": "\(event.id ?? "-")", "kind": "\(event.kind)",
                ])
            guard let id = event.id, batch.since != nil, Self.mayBeCommand(event, prefix: network.commandPrefix(in: event.channel?.name ?? "")) else {
                await ChatCause.$current.withValue(event.id) { await coordinator.handle(event) }
                if let id = event.id { point.handled.insert(id) }
                continue
            }
            await command(event, id: id, mayRepeat: mayRepeat, point: &point)
        }
        // The Matrix crash points are about lines: a batch of presence, receipts or typing alone passes them by.
        if !events.isEmpty { CrashPoint.reached(.matrixBatchRecorded) }
        writer.release(
            checkpoint: StreamCheckpoint(
                stream: network.id, position: MatrixResumePoint(since: batch.nextBatch).stored,
                alongside: await crypto?.sealedAlongside() ?? []))
        if (try? await writer.drain()) != nil, !events.isEmpty { CrashPoint.reached(.matrixCheckpointed) }
        for roomID in encrypted where !batch.isCatchUp && crypto == nil {
            logger.warning("matrix room is encrypted; sitrep cannot read it", metadata: ["room": "\(roomID)"])
            await network.perform([.say(target: roomID, text: MatrixInvitePolicy.encryptedRoomNotice)])
            await coordinator.channelUnreadable(roomID)
        }
        for (roomID, invite) in response.rooms.invite.sorted(by: { $0.key < $1.key }) {
            await answer(invite, to: roomID)
        }
        if let directRoomRead, !batch.isCatchUp {
            for read in network.directReads(in: response) { await directRoomRead(read.userID, read.at) }
        }
    }

    /// A command inside a live batch, bracketed by partial resume points. Before it: the lines before it, with
    /// a point listing their events (so its change, which commits with its own line, is the only thing a
    /// restart can find done). After it: once its change is committed and its sends went out, a point listing
    /// it too (with its reply lines). A restart in between handles it again with `handleAgain`, which finds
    /// its change and answers without applying it twice.
    private func command(_ event: ChatEvent, id: String, mayRepeat: Bool, point: inout MatrixResumePoint) async {
        writer.release(checkpoint: StreamCheckpoint(stream: network.id, position: point.stored))
        writer.hold()
        await ChatCause.$current.withValue(id) {
            if mayRepeat { await coordinator.handleAgain(event) } else { await coordinator.handle(event) }
        }
        CrashPoint.reached(.commandCommitted)
        await network.outbox.settled()
        CrashPoint.reached(.commandReplied)
        point.handled.insert(id)
        writer.release(checkpoint: StreamCheckpoint(stream: network.id, position: point.stored))
        try? await writer.drain()
        writer.hold()
    }

    /// A plain message that may be a command (which may commit on its own, inside the batch).
    static func mayBeCommand(_ event: ChatEvent, prefix: String = CommandHint.defaultPrefix) -> Bool {
        guard case .message(let text, .plain) = event.kind else { return false }
        return CommandInvocation.couldBeCommand(text, prefix: prefix)
    }

    /// Pages of history fetched per gap, at most.
    static let maximumGapPages = 20

    /// The events a limited timeline left out, oldest first.
    private func events(over gap: MatrixSyncBatch.Gap) async -> [MatrixEvent] {
        let limit = 100
        var pages: [[MatrixEvent]] = []
        var current = gap
        for _ in 0..<Self.maximumGapPages {
            do {
                let page = try await client.messages(over: current, limit: limit)
                pages.append(page.chronological)
                if page.isComplete(limit: limit) {
                    let events = pages.reversed().flatMap { $0 }
                    logger.debug("matrix gap filled", metadata: ["room": "\(gap.roomID)", "events": "\(events.count)"])
                    return events
                }
                current = MatrixSyncBatch.Gap(roomID: gap.roomID, from: page.end, to: gap.to)
            } catch {
                logger.error("matrix history not fetched", metadata: ["room": "\(gap.roomID)", "error": "\(error)"])
                break
            }
        }
        logger.error(
            "matrix timeline gap: events before these were left out",
            metadata: ["room": "\(gap.roomID)", "fetched": "\(pages.joined().count)"])
        return pages.reversed().flatMap { $0 }
    }

    /// The chat events of a live batch, room by room (sorted by id), each in timeline order after the events
    /// fetched over its gap; in a room the bot joined in this batch, only those after its own join.
    private func chatEvents(
        in response: MatrixSyncResponse, before missed: [String: [MatrixEvent]], mapper: inout MatrixEventMapper
    ) -> [ChatEvent] {
        let now = clock()
        var events: [ChatEvent] = []
        let rooms = response.rooms.withTimelines
        for roomID in rooms.keys.sorted() {
            guard let room = rooms[roomID] else { continue }
            mapper.learn(state: room.state, in: roomID)
            var timeline = ((missed[roomID] ?? []) + room.timeline.events)[...]
            if let join = timeline.lastIndex(where: { isOwnJoin($0) }) {
                for event in timeline[..<join] { _ = mapper.chatEvent(for: event, in: roomID, receivedAt: now) }
                timeline = timeline[join...]
            }
            let acceptedAt =
                response.rooms.join[roomID] == nil
                ? nil : arrivals.joinedAt.withLock { $0.removeValue(forKey: roomID) }
            for event in timeline {
                guard let chatEvent = mapper.chatEvent(for: event, in: roomID, receivedAt: now) else { continue }
                if let acceptedAt, chatEvent.time < acceptedAt { continue }
                events.append(chatEvent)
            }
        }
        return events
    }

    /// The bot's own arrival in a room (not a display-name change of a member already there).
    private func isOwnJoin(_ event: MatrixEvent) -> Bool {
        guard event.stateKey == network.botUserID, case .member(let member) = event.content,
            member.membership == "join"
        else { return false }
        if case .member(let previous)? = event.unsigned.previousContent { return previous.membership != "join" }
        return true
    }

    /// Accepts, explains-and-leaves or declines one invite, as the policy decides.
    private func answer(_ invite: MatrixSyncResponse.InvitedRoom, to roomID: String) async {
        let decision = invitePolicy.decide(
            roomID: roomID, invite: invite, botUserID: network.botUserID, inviterHasRole: inviterHasRole)
        let inviter = invite.inviter(of: network.botUserID) ?? "?"
        logger.info("matrix invite", metadata: ["room": "\(roomID)", "from": "\(inviter)", "decision": "\(decision)"])
        do {
            switch decision {
            case .join:
                let acceptedAt = clock()
                _ = try await client.join(roomID)
                arrivals.joinedAt.withLock { $0[roomID] = acceptedAt }
            case .explainEncryptedAndLeave:
                _ = try await client.join(roomID)
                let transaction = MatrixTransactionID(parts: ["encrypted", roomID])
                _ = try await client.send(
                    .notice(MatrixInvitePolicy.encryptedRoomNotice), to: roomID, transactionID: transaction)
                logger.warning("matrix room is encrypted; sitrep left it", metadata: ["room": "\(roomID)"])
                try await client.leave(roomID, reason: MatrixInvitePolicy.encryptedLeaveReason)
            case .decline:
                try await client.leave(roomID, reason: MatrixInvitePolicy.declineReason)
            }
        } catch {
            logger.error("matrix invite not answered", metadata: ["room": "\(roomID)", "error": "\(error)"])
        }
    }
}
