import Commands
import Logging
import Notify
import OnCall
import Paging
import SitrepCore

/// The heart of a running sitrep: records every event of an incident channel on its incident's timeline, reads
/// commands from chat, applies them through the pure rules (`CommandRegistry` → `IncidentReducer` with
/// `Permissions`), commits the result, and only then answers in chat.
///
/// Network-neutral: it sees `ChatEvent`s and acts through a `ChatNetwork`. One coordinator per process; the
/// network bridge feeds it events one at a time, in order.
///
/// It is an executor: the decisions are pure machines it holds or calls — `IncidentChange` (what a command
/// changes), `AlertDesk` (alerts, declarations in flight, storm posts), `TimerDesk` (timer plans, fired marks),
/// `PageDesk` (undelivered pages, acknowledgements, acknowledge links in use), `OnCallDesk` (on-call commands,
/// `schedule:NAME` targets). Its flows perform them, each in its own type run on this actor (an `isolated`
/// parameter): `CommandFlow`, `DeclarationFlow`, `ChangeFlow`, `AlertFlow`, `TimerArming`, `TimerFiringFlow`,
/// `PagingFlow`, `ReplayFlow`, `AckLinkFlow` and `UnreadableRoomFlow`. They gather what the desks need (the store,
/// the network's members and nicks), ask them, and perform what they decide in order. State that guards against
/// interleaving (a declaration in flight, a link in use, a firing queued) lives in the desks, marked in the same
/// step that checks it; this actor holds it and the collaborators, and routes events and calls to the flows.
public actor IncidentCoordinator {
    let store: any IncidentStore
    let writer: TimelineWriter
    let network: any ChatNetwork
    let settings: CoordinatorSettings
    let logger: Logger
    let clock: @Sendable () -> Timestamp
    /// Runs the incidents' deadlines; nil when timers are off (tests of the command path).
    let timers: TimerService?
    /// Commands handled, lifecycle commits and timer lateness (`SitrepMetrics.disabled` unless wired).
    let metrics: SitrepMetrics
    var open = OpenIncidents()
    /// The timer decisions, and the timers known to have fired by incident (a cache of the store's marks).
    var timerDesk: TimerDesk
    /// The alert decisions: what a webhook's alerts declare, join or note, the declarations in flight, and the
    /// bulk posts held per announce channel in a storm (`AlertPostFlusher` sends them when due).
    var alerts: AlertDesk<ContinuousClock.Instant>
    /// In an active/standby pair: whether this instance may act, and the store claims of side effects that must
    /// go out once across the pair. Nil for a single instance, which always acts.
    let fence: (any EffectFence)?
    /// What the gap recorded at start is put down to (see `prepareTakeover`).
    var startGapReason = "sitrep was not running"
    /// Whether `start` ran: nil before, waiters while it runs, empty once done (each network's bridge calls it).
    var startWaiters: [CheckedContinuation<Void, any Error>]?
    var isStarted = false
    /// The paging decisions: chat pages sent lately (to trace a "no such nick" answer to its page), what an
    /// acknowledgement marks, and the acknowledge links in use (single use while the `/ack` commits).
    var pageDesk = PageDesk()
    /// The store's record of the chat pages sent.
    let pageLog: ChatPageAttempts

    public init(
        store: any IncidentStore, writer: TimelineWriter, network: any ChatNetwork, settings: CoordinatorSettings,
        logger: Logger, clock: @escaping @Sendable () -> Timestamp, timers: TimerService? = nil,
        metrics: SitrepMetrics = .disabled, fence: (any EffectFence)? = nil,
        pageWakeups: AsyncStream<Int64>.Continuation? = nil
    ) {
        pageLog = ChatPageAttempts(store: store, logger: logger, metrics: metrics, clock: clock, wakeups: pageWakeups)
        self.store = store
        self.writer = writer
        self.network = network
        self.settings = settings
        self.logger = logger
        self.clock = clock
        self.timers = timers
        self.metrics = metrics
        self.fence = fence
        alerts = AlertDesk(policy: settings.alertPolicy)
        timerDesk = TimerDesk(policy: settings.timerPolicy)
    }

    /// This instance is taking over from another one of its pair: the gap the next `start` records on every open
    /// timeline says so.
    public func prepareTakeover(reason: String) {
        startGapReason = reason
    }

    /// Reloads open incidents, records the gap since the last heartbeat on each, and rejoins their channels.
    /// Runs once however many network bridges call it; a call while it runs waits for it to finish.
    public func start() async throws {
        if isStarted { return }
        if startWaiters != nil {
            try await withCheckedThrowingContinuation { startWaiters?.append($0) }
            return
        }
        startWaiters = []
        do {
            try await load()
            isStarted = true
            for waiter in startWaiters ?? [] { waiter.resume() }
            startWaiters = nil
        } catch {
            for waiter in startWaiters ?? [] { waiter.resume(throwing: error) }
            startWaiters = nil
            throw error
        }
    }

    private func load() async throws {
        let open = try await store.openIncidents()
        for incident in open { self.open.update(incident, channelKey: network.nameKey(incident.channel.name)) }
        let now = clock()
        if let last = try await store.lastHeartbeat(), !open.isEmpty {
            await recordGap(from: last, to: now, reason: startGapReason)
        }
        try await store.heartbeat(now)
        try await TimerArming.load(on: self)
        await PagingFlow.resumeQueued(on: self)
        var actions = open.map { ChatAction.join(channel: $0.channel.name) }
        actions.insert(contentsOf: settings.announceChannels.map { .join(channel: $0) }, at: 0)
        await network.perform(actions)
        logger.info("incidents loaded", metadata: ["open": "\(open.count)"])
        for effect in await fence?.takeUnconfirmed() ?? [] {
            await TimerFiringFlow.resend(effect.actions, cause: effect.key, on: self)
        }
    }

    /// Records that the bot was alive and recording now.
    public func heartbeat() async {
        do { try await store.heartbeat(clock()) } catch {
            logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
        }
    }

    /// The connection to the network was lost at `from` and is back at `to`: the open incidents' timelines say so.
    public func connectionInterrupted(from: Timestamp, to: Timestamp) async {
        await recordGap(from: from, to: to, reason: "the chat connection was down")
    }

    private func recordGap(from: Timestamp, to: Timestamp, reason: String) async {
        await writer.append(open.all.map { TimelineEntry.gap(in: $0.id, from: from, to: to, reason: reason) })
    }

    /// One event from the network, in order.
    public func handle(_ event: ChatEvent) async {
        if event.isOwn {
            // The server's echo of our own line (IRC echo-message): confirms a claimed effect's delivery.
            if let fence, case .message(let text, _) = event.kind {
                await fence.echoed(target: event.channel?.name ?? "", text: text)
            }
            // The bot left a closed incident's channel: its recording ends there.
            if case .part = event.kind, let channel = event.channel { open.left(channelKey: network.nameKey(channel.name)) }
            return
        }
        // An instance whose lease lapsed records and answers nothing: its successor does.
        if let fence, !fence.mayAct() { return }
        if let channel = event.channel, let incidentID = open.recordedIncidentID(channelKey: network.nameKey(channel.name)) {
            await writer.append([TimelineEntry(recording: event, in: incidentID)])
            if let incident = open.incident(id: incidentID), case .message = event.kind, let lead = incident.lead,
                lead.identity.isSameIdentity(as: event.sender.identity)
            {
                await TimerArming.leadSpoke(in: incident, at: event.time, on: self)
            }
            if case .kick(let nick, _) = event.kind, network.nameKey(nick) == network.nameKey(await network.botNick(in: channel.name)) {
                open.left(channelKey: network.nameKey(channel.name))
            }
        }
        guard case .message(let text, .plain) = event.kind else { return }
        let plain = network.plainText(text)
        let isPrivate = event.channel == nil
        let target = replyTarget(for: event)
        let prefix = network.commandPrefix(in: target)
        let couldBeCommand = isPrivate || CommandInvocation.couldBeCommand(plain, prefix: prefix)
        guard couldBeCommand
            || (CommandInvocation.mayAddressASpacedName(plain) && network.botNamesMayHaveSpaces(in: target))
        else { return }
        // The one question to the network for this line: everything the command path decides from.
        let context = await network.context(for: target, sender: event.sender.nick)
        guard couldBeCommand || context.botNames.contains(where: { $0.contains(" ") }) else { return }
        guard let invocation = CommandInvocation.recognize(
            plain, botNames: context.botNames, isPrivate: isPrivate, prefix: prefix)
        else { return }
        await CommandHint.$prefix.withValue(prefix) {
            await CommandFlow.run(invocation, from: event, in: context, on: self)
        }
    }

    /// Runs `body` with hints written in the command form of the network `target` is on (see `CommandHint`).
    func withHints<T>(for target: String, _ body: () async throws -> T) async rethrows -> T {
        try await CommandHint.$prefix.withValue(network.commandPrefix(in: target)) { try await body() }
    }

    /// The incident run in `channel`, if one is open there.
    func openIncident(in channel: ChatChannel?) -> Incident? {
        channel.flatMap { open.incident(channelKey: network.nameKey($0.name)) }
    }

    /// Where replies to `event` go: its channel, or the sender for a private message.
    func replyTarget(for event: ChatEvent) -> String {
        event.channel?.name ?? event.sender.nick
    }

    /// Sends lines and records those that went to an incident channel (open, or closed while the bot is still in
    /// it) as the bot's own timeline entries. `recordingIn` names the incident explicitly; `then` goes out in the
    /// same batch, right after the lines.
    func say(_ lines: [String], to target: String, recordingIn incidentID: Int64? = nil, then: [ChatAction] = [])
        async
    {
        guard !lines.isEmpty else { return }
        if let id = incidentID ?? open.recordedIncidentID(channelKey: network.nameKey(target)) {
            let nick = await network.botNick(in: target)
            let now = clock()
            await writer.append(lines.map { TimelineEntry(incidentID: id, time: now, kind: .bot, author: nick, text: $0) })
        }
        await network.perform(lines.map { .say(target: target, text: $0) } + then)
    }
}

/// The coordinator's entries from outside chat: each hands over to the flow that performs it.
extension IncidentCoordinator {
    /// Takes one webhook call's alerts (in payload order) and returns what was done (see `AlertFlow`). Throws when
    /// the store fails (the hook answers 503, the sender retries; repeats are harmless).
    public func receiveAlerts(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary {
        try await AlertFlow.receive(notices, on: self)
    }

    /// When the next held alert post is due; nil when none is held.
    var alertPostDeadline: ContinuousClock.Instant? { alerts.deadline }

    /// Sends the held alert posts that are due now.
    func postDueAlerts() async { await AlertFlow.postDue(on: self) }

    /// A deadline passed: performed by `TimerFiringFlow`, with hints in the incident's command form.
    public func timerFired(_ timer: IncidentTimer, at now: Timestamp) async {
        guard let incident = open.incident(id: timer.id.incidentID) else { return }
        await withHints(for: incident.channel.name) { await TimerFiringFlow.fire(timer, at: now, on: self) }
    }

    /// Sends a later round of a person's chat page (the out-of-chat pager's `PageTransports.chat`).
    public func sendRepeatedPage(incidentID: Int64, to nick: String, text: String) async {
        await network.perform([.message(target: nick, text: text)])
    }

    /// The network answered that nobody named `nick` is on it (IRC 401); see `PagingFlow.undeliverable`.
    public func pageUndeliverable(to nick: String, at now: Timestamp) async {
        await PagingFlow.undeliverable(to: nick, at: now, on: self)
    }

    /// The network says sitrep cannot read `channel` any more; see `UnreadableRoomFlow`.
    public func channelUnreadable(_ channel: String) async {
        await UnreadableRoomFlow.channelUnreadable(channel, on: self)
    }

    /// Handles a Matrix command a dead run may have applied (see `ReplayFlow`). Call with `ChatCause.current` set
    /// to the event's id.
    public func handleAgain(_ event: ChatEvent) async { await ReplayFlow.handleAgain(event, on: self) }

    /// What the acknowledge page shows for `claims` (see `AckLinkFlow`).
    public func ackLinkSummary(for claims: AckClaims) async throws -> AckLinkSummary? {
        try await AckLinkFlow.summary(for: claims, on: self)
    }

    /// Acknowledges the incident of `claims` as the person its page attempt went to (see `AckLinkFlow`).
    public func acknowledge(viaLink claims: AckClaims) async throws -> AckLinkOutcome {
        try await AckLinkFlow.acknowledge(claims, on: self)
    }

    /// How commands are typed where incident `incidentID` is run (`!` unless configured), for hints sent
    /// outside chat; `!` when the incident is not open.
    public func commandPrefix(ofIncident incidentID: Int64) -> String {
        guard let incident = open.incident(id: incidentID) else { return "!" }
        return network.commandPrefix(in: incident.channel.name)
    }
}

/// The collaborators the flows build from the coordinator's parts when they need them.
extension IncidentCoordinator {
    /// People's rights in incidents, looked up as far as a command needs.
    var rightsLookup: RightsLookup { RightsLookup(settings: settings, store: store, network: network) }

    /// The read-only commands' answers.
    var queries: CommandQueries {
        CommandQueries(store: store, writer: writer, settings: settings, timers: timers, clock: clock)
    }

    /// The store's knowledge side: search, standard solutions, suggestions.
    var knowledge: any KnowledgeStore { store }

    /// The on-call side: schedules resolved for paging, `/oncall`, `/override`, `/oncall take`.
    var onCall: OnCallCommands {
        OnCallCommands(store: store, writer: writer, settings: settings, network: network, logger: logger)
    }

    /// The timer policy with every schedule resolved to who it has on call at `now`.
    func timerPolicy(at now: Timestamp) async -> TimerPolicy {
        await onCall.timerPolicy(at: now)
    }
}
