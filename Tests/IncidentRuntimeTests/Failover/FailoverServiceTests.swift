import Foundation
import IncidentRuntime
import Logging
import ServiceLifecycle
import SitrepCore
import Testing

/// `FailoverService` with two instances on one real SQLite store and the wall clock (short leases): one active at
/// a time, takeover after the active one is cut off, fencing of a paused instance, release on shutdown.
@Suite(.timeLimit(.minutes(1))) struct FailoverServiceTests {
    @Test func theStandbyTakesOverWhenTheActiveInstanceLosesTheStoreAndTheCutOffOneStepsDown() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeOfA = CuttableStore(store)
        let a = PairInstance.make("a", store: storeOfA, ttl: .seconds(5))
        let b = PairInstance.make("b", store: store, ttl: .seconds(5))
        let runA = Task { try await a.service.run() }
        #expect(await waitFor(.seconds(5)) { a.chat.isRunning } != nil, "the first instance becomes active")
        let runB = Task { try await b.service.run() }
        defer { runB.cancel() }
        // The standby has read the lease (its first poll; seconds under a loaded machine), and stays standby.
        #expect(await waitFor(.seconds(10)) { b.holder.status.lease != nil } != nil, "the standby reads the lease")
        try await Task.sleep(for: .seconds(1))
        #expect(b.chat.events.isEmpty, "the standby never started chat while a held the lease")
        #expect(b.holder.status.isActive == false)
        #expect(b.holder.status.lease?.holder == "a")

        storeOfA.cutOff()
        // a can no longer renew: it must stop acting before its lease lapses, and quit chat.
        let result = await runA.result
        guard case .failure(FailoverError.steppedDown(.deadlinePassed)) = result else {
            Issue.record("a should step down because its deadline passed, got \(result)")
            return
        }
        #expect(a.chat.events == [.started, .cancelled])
        #expect(a.holder.mayAct() == false)
        let tookOver = await waitFor(.seconds(12)) { b.chat.isRunning }
        #expect(tookOver != nil, "b is active within the lease's lifetime plus a poll")
        let activation = try #require(b.activations.value.withLock { $0.first })
        #expect(activation.0 == 2)
        #expect(activation.1?.holder == "a")
        #expect(b.holder.status.takeovers == 1)
        #expect(b.holder.status.isActive)
        // Whatever a still tries is refused by the store.
        await #expect(throws: LeaseLost.self) {
            try await store.claimEffect("page bob", holder: "a", epoch: 1, at: PairInstance.wallClock())
        }
        #expect(try await b.holder.claim("page bob"))
        #expect(try await b.holder.claim("page bob") == false)
    }

    @Test func aPausedActiveInstanceWhoseClaimIsRefusedQuitsChatAtOnce() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = PairInstance.make("a", store: store, ttl: .seconds(30))
        let runA = Task { try await a.service.run() }
        #expect(await waitFor(.seconds(5)) { a.chat.isRunning } != nil)
        // While a was "paused", its lease lapsed and b took it (the store's clock far ahead says so).
        let later = PairInstance.wallClock().adding(.seconds(3600))
        let b = try await store.acquireLease(holder: "b", ttl: .seconds(30), now: later)
        #expect(b.epoch == 2)
        #expect(a.holder.mayAct(), "a's local deadline has not passed: only the store can tell it")
        await #expect(throws: LeaseLost(holder: "a", epoch: 1, current: b)) { try await a.holder.claim("remind") }
        #expect(a.holder.mayAct() == false, "after a refused claim nothing more is sent")
        let result = await runA.result
        guard case .failure(FailoverError.steppedDown(.leaseTaken(by: "b", epoch: 2))) = result else {
            Issue.record("a should step down for b, got \(result)")
            return
        }
        #expect(a.chat.events == [.started, .cancelled])
    }

    @Test func aPausedActiveInstanceIsRefusedEvenAReplyByTheStoreAndStepsDown() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = PairInstance.make("a", store: store, ttl: .seconds(30))
        let runA = Task { try await a.service.run() }
        #expect(await waitFor(.seconds(5)) { a.chat.isRunning } != nil)
        #expect(await a.holder.permitsSending())
        let b = try await store.acquireLease(
            holder: "b", ttl: .seconds(30), now: PairInstance.wallClock().adding(.seconds(3600)))
        #expect(a.holder.mayAct(), "a's local deadline has not passed: only the store can tell it")
        #expect(await a.holder.permitsSending() == false)
        let result = await runA.result
        guard case .failure(FailoverError.steppedDown(.leaseTaken(by: "b", epoch: b.epoch))) = result else {
            Issue.record("a should step down for b, got \(result)")
            return
        }
    }

    @Test func aGracefulShutdownReleasesTheLeaseSoTheStandbyTakesOverWithoutWaitingForItToLapse() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = PairInstance.make("a", store: store, ttl: .seconds(20))
        let b = PairInstance.make("b", store: store, ttl: .seconds(20))
        let groupA = ServiceGroup(services: [a.service], logger: .init(label: "a") { _ in SwiftLogNoOpLogHandler() })
        let runA = Task { try await groupA.run() }
        #expect(await waitFor(.seconds(5)) { a.chat.isRunning } != nil)
        let runB = Task { try await b.service.run() }
        defer { runB.cancel() }
        try await Task.sleep(for: .milliseconds(500))
        await groupA.triggerGracefulShutdown()
        try await runA.value
        #expect(a.chat.events == [.started, .stoppedGracefully], "chat stops in order, the client sends its QUIT")
        // b polls every ttl/5 = 4 s: it takes over at its next poll, not 20 s later.
        let waited = await waitFor(.seconds(8)) { b.chat.isRunning }
        #expect(waited != nil)
        #expect(try await store.currentLease()?.holder == "b")
    }

    @Test func whatTheServerEchoedIsConfirmedAndWhatItDidNotIsSentAgainOnceByTheSuccessor() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeOfA = CuttableStore(store)
        let a = PairInstance.make("a", store: storeOfA, ttl: .seconds(5))
        let runA = Task { try await a.service.run() }
        #expect(await waitFor(.seconds(5)) { a.chat.isRunning } != nil)
        let echoed: [ChatAction] = [.say(target: "#Inc-1", text: "INC-1: no acknowledgement yet"), .message(target: "bob", text: "page: INC-1")]
        let lost: [ChatAction] = [.message(target: "dave", text: "page: INC-1 tier 2")]
        // A firing's transaction records what it sends with its claim; `willSend` then expects the echoes.
        for (key, actions) in [("timer 1", echoed), ("timer 2", lost)] {
            #expect(try await a.holder.claim(key))
            try await store.describeEffect(key, payload: String(decoding: try JSONEncoder().encode(actions), as: UTF8.self))
            await a.holder.willSend(key, actions)
        }
        // The server echoes timer 1's lines (a long line's first part is a prefix of it); timer 2's never come.
        await a.holder.echoed(target: "#inc-1", text: "INC-1: no acknowledgement")
        await a.holder.echoed(target: "", text: "page: INC-1")
        await a.holder.echoed(target: "", text: "something else entirely")

        storeOfA.cutOff()
        _ = await runA.result
        let b = PairInstance.make("b", store: store, ttl: .seconds(5))
        let runB = Task { try await b.service.run() }
        defer { runB.cancel() }
        #expect(await waitFor(.seconds(12)) { b.chat.isRunning } != nil)
        let resent = await b.holder.takeUnconfirmed()
        #expect(resent.map(\.actions) == [lost], "only the unconfirmed page, once: \(resent)")
        #expect(resent.map(\.key) == ["timer 2"], "sent again under its cause, so Matrix posts it once")
        #expect(await b.holder.takeUnconfirmed() == [])
    }
}
