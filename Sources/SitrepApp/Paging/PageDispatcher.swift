import Foundation
import IncidentRuntime
import Logging
import Notify
import NotifyClient
import Paging
import ServiceLifecycle
import SitrepCore

/// Follows every paged person through their notification rules after the first chat message: email after a
/// minute, a webhook after three, chat again in the next round, until the incident is acknowledged, resolved or
/// the escalation moves on. The decisions are `IncidentPaging`'s (pure); this executor loads, claims, sends and
/// records.
///
/// Every attempt is claimed in the store (`queued`) before it is sent and marked `sent` or `failed` after, so a
/// crash between the two sends it again at the next start with the same idempotency key (an email's Message-ID,
/// a webhook's `Idempotency-Key`): at least once, never silently lost. It runs on the active instance only.
/// Public for the paging benchmark (`sitrep-page-bench`); `sitrep run` builds it in `SitrepApplication`.
public actor PageDispatcher: Service {
    /// The store's incidents and page attempts.
    let store: any IncidentStore
    let paging: SitrepConfig.Paging
    let transports: PageTransports
    let links: AckLinkMaker?
    /// The incidents' commands prefix, for "type !ack" (the network's, as the coordinator writes hints).
    let commandPrefix: @Sendable (Int64) async -> String
    let clock: @Sendable () -> Timestamp
    let logger: Logger
    let metrics: SitrepMetrics
    /// Incident ids whose pages changed (the coordinator paged someone, a page failed).
    let wakeups: AsyncStream<Int64>
    /// The chat networks that report reading (Matrix read receipts): only their people's chat pages can be
    /// unread, and fail when they stay so (`NotificationStep.unreadAfter`).
    let readingNetworks: Set<String>

    /// Incidents that may still have attempts to make.
    private(set) var active: Set<Int64> = []
    /// Attempts being sent right now (claimed by this process).
    var inFlight: Set<String> = []
    /// Attempts whose last try failed in a way that may pass, waiting to be tried again (still `queued`), and
    /// the tries of each.
    var retries: WaitingRetries
    private var waiter: CheckedContinuation<Void, Never>?
    private var woken = false

    init(
        store: any IncidentStore, paging: SitrepConfig.Paging, transports: PageTransports, links: AckLinkMaker?,
        commandPrefix: @escaping @Sendable (Int64) async -> String, clock: @escaping @Sendable () -> Timestamp,
        logger: Logger, metrics: SitrepMetrics, wakeups: AsyncStream<Int64>, readingNetworks: Set<String> = []
    ) {
        self.readingNetworks = readingNetworks
        self.retries = WaitingRetries(delays: paging.retryDelays)
        self.store = store
        self.paging = paging
        self.transports = transports
        self.links = links
        self.commandPrefix = commandPrefix
        self.clock = clock
        self.logger = logger
        self.metrics = metrics
        self.wakeups = wakeups
    }

    public func run() async throws {
        let wakeups = self.wakeups
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await incidentID in wakeups { await self.poke(incidentID) }
                }
                group.addTask { await self.loop() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Incident `incidentID` paged someone, or a page of it failed: look at it now.
    func poke(_ incidentID: Int64) {
        active.insert(incidentID)
        wake()
    }

    private func wake() {
        woken = true
        waiter?.resume()
        waiter = nil
    }

    private func loop() async {
        // At start: every open incident, for attempts a stopped process left unsent and rules still running.
        let open = (try? await store.openIncidents()) ?? []
        active.formUnion(open.map(\.id))
        await resumeRetries()
        while !Task.isCancelled {
            woken = false
            let next = await pass()
            if woken { continue }
            let timer = next.map { deadline in
                Task { [clock] in
                    let delay = clock().duration(to: deadline)
                    if delay > .zero { try? await Task.sleep(for: delay) }
                    await self.wake()
                }
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiter = $0 }
            } onCancel: {
                Task { await self.wake() }
            }
            timer?.cancel()
        }
    }

    /// Sends what is due for every active incident; returns when to look again.
    func pass() async -> Timestamp? {
        var next: Timestamp?
        var batches: [Batch] = []
        for incidentID in active.sorted() {
            do {
                guard let incident = try await store.incident(id: incidentID) else {
                    active.remove(incidentID)
                    continue
                }
                var paging = IncidentPaging(
                    incident: incident, attempts: try await store.pageAttempts(incidentID: incidentID), reach: reach)
                let now = clock()
                let unreadAt = try await failUnread(&paging, now: now)
                let (due, wakeAt) = paging.due(at: now)
                let resend = paging.unfinished(excluding: inFlight.union(retries.waitingIDs))
                let (retries, retryAt) = await dueRetries(of: incidentID, isPaging: paging.isPaging, now: now)
                let wake = [wakeAt, retryAt, unreadAt].compactMap { $0 }.min()
                if due.isEmpty && resend.isEmpty && retries.isEmpty && wake == nil {
                    active.remove(incidentID)
                    continue
                }
                if let wake { next = next.map { min($0, wake) } ?? wake }
                for attempt in resend {
                    logger.info("page sent again after a restart", metadata: ["attempt": "\(attempt.id)"])
                }
                if !resend.isEmpty || !retries.isEmpty || !due.isEmpty {
                    let prefix = await commandPrefix(incidentID)
                    batches.append(Batch(incident: incident, prefix: prefix, claimed: resend + retries, claiming: due))
                }
            } catch where Task.isCancelled {
                return next  // shutting down: the claimed attempts stay queued for the next start
            } catch {
                logger.error("could not page", metadata: ["incident": "\(incidentID)", "error": "\(error)"])
                // Try again shortly: the store may be back.
                let retry = clock().adding(.seconds(5))
                next = next.map { min($0, retry) } ?? retry
            }
        }
        if await !send(batches) {
            let retry = clock().adding(.seconds(5))
            next = next.map { min($0, retry) } ?? retry
        }
        return next
    }

    func record(_ attempt: PageAttempt, _ status: PageAttempt.Status, reason: String?) async {
        metrics.page(method: attempt.method, outcome: status == .sent ? .sent : .failed)
        do { try await store.updatePageAttempt(id: attempt.id, status: status, reason: reason, at: clock()) } catch {
            logger.error("could not update a page attempt", metadata: ["attempt": "\(attempt.id)", "error": "\(error)"])
        }
    }

    /// How `person` is reached: the configured contacts and rules (a webhook as its shortened URL; no unread
    /// deadlines on a network that does not report reading).
    private nonisolated var reach: IncidentPaging.Reach {
        { [paging, readingNetworks] person, nick in
            var contacts = paging.contacts(of: person, nick: nick)
            contacts[.webhook] = contacts[.webhook].map(WebhookAddress.shortened)
            let rules = paging.rules(of: person)
            return (contacts, readingNetworks.contains(person.network) ? rules : rules.withoutReadReports)
        }
    }
}

extension PageDispatcher {
    /// The dispatcher for `config`: email through `smtp:`, webhooks signed with `paging.webhook_secret_*`, chat
    /// repeats through `coordinator`, acknowledge links when the web side has a public URL and a secret.
    public static func make(
        _ config: SitrepConfig, store: any IncidentStore, coordinator: IncidentCoordinator,
        wakeups: AsyncStream<Int64>, clock: @escaping @Sendable () -> Timestamp, logger: Logger, metrics: SitrepMetrics
    ) throws -> PageDispatcher {
        var smtpLogger = logger
        smtpLogger[metadataKey: "smtp"] = config.smtp.map { "\($0.host):\($0.port)" }
        let smtp = try config.smtp.map { try SMTPClient(configuration: $0.clientConfiguration, logger: smtpLogger) }
        let transports = PageTransports(
            smtp: smtp, from: config.smtp?.from, webhooks: WebhookSender(),
            webhookSecret: config.paging.webhookSecret.map { Array($0.reveal().utf8) },
            chat: { incidentID, nick, text in
                await coordinator.sendRepeatedPage(incidentID: incidentID, to: nick, text: text)
            })
        return PageDispatcher(
            store: store, paging: config.paging, transports: transports, links: AckLinkMaker(web: config.web),
            commandPrefix: { incidentID in await coordinator.commandPrefix(ofIncident: incidentID) }, clock: clock,
            logger: logger, metrics: metrics, wakeups: wakeups,
            readingNetworks: config.matrix == nil ? [] : [ConfigDefaults.matrixNetwork])
    }
}
