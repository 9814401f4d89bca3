import Foundation
import Logging
import SitrepCore
import Synchronization

/// Confirms claimed effects from the chat server's echoes (`EchoTracker` behind a lock) and keeps the store in
/// step: each echoed line shrinks the effect's recorded payload to what is still unconfirmed, and the last one
/// settles it. What a successor or a restarted process sends again is then only what was never confirmed.
final class EffectEchoes: Sendable {
    private let tracker = Mutex(EchoTracker())
    private let store: any FencingStore
    private let clock: @Sendable () -> Timestamp
    private let logger: Logger

    init(store: any FencingStore, clock: @escaping @Sendable () -> Timestamp, logger: Logger) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// The claimed effect `key` is about to send `actions` (recorded in the store with its claim, e.g. in the
    /// timer firing's transaction): expects their echo.
    func willSend(_ key: String, _ actions: [ChatAction]) {
        _ = tracker.withLock { $0.expect(key, actions) }
    }

    /// The server echoed one of the bot's own lines.
    func echoed(target: String, text: String) async {
        switch tracker.withLock({ $0.echoed(target: target, text: text) }) {
        case .remaining(let key, let actions):
            await describe(key, actions)
        case .settled(let key):
            do { try await store.settleEffect(key, outcome: .echoed, at: clock()) } catch {
                logger.warning("could not confirm an effect", metadata: ["effect": "\(key)", "error": "\(error)"])
            }
        case nil:
            break
        }
    }

    private func describe(_ key: String, _ actions: [ChatAction]) async {
        do {
            try await store.describeEffect(key, payload: try Self.encode(actions))
        } catch {
            logger.warning("could not record what an effect sends", metadata: ["effect": "\(key)", "error": "\(error)"])
        }
    }

    /// The payload stored for an effect's actions.
    static func encode(_ actions: [ChatAction]) throws -> String {
        String(decoding: try JSONEncoder().encode(actions), as: UTF8.self)
    }

    static func decode(_ payload: String) -> [ChatAction]? {
        try? JSONDecoder().decode([ChatAction].self, from: Data(payload.utf8))
    }
}
