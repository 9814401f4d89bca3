import NIOCore
import Synchronization

/// The web server's open connections, shared by every event loop: applies `ConnectionTable`'s rule and closes
/// the connections it evicts or refuses.
final class ConnectionRegistry: Sendable {
    private struct State {
        var table: ConnectionTable
        var channels: [Int: any Channel] = [:]
        var nextID = 0
    }

    private let state: Mutex<State>

    init(limit: Int) {
        state = Mutex(State(table: ConnectionTable(limit: limit)))
    }

    /// The number of connections open now.
    var count: Int { state.withLock { $0.table.count } }

    /// Registers `channel`; closes it at once if the server is full of busy connections, or closes the longest
    /// idle one to make room. Returns its id (nil when refused).
    func opened(_ channel: any Channel) -> Int? {
        let (id, admission, evicted) = state.withLock { state -> (Int, ConnectionTable.Admission, (any Channel)?) in
            state.nextID += 1
            let id = state.nextID
            let admission = state.table.opened(id)
            var evicted: (any Channel)?
            switch admission {
            case .accept:
                state.channels[id] = channel
            case .acceptEvicting(let old):
                state.channels[id] = channel
                evicted = state.channels.removeValue(forKey: old)
            case .refuse:
                break
            }
            return (id, admission, evicted)
        }
        evicted?.close(promise: nil)
        if admission == .refuse {
            channel.close(promise: nil)
            return nil
        }
        return id
    }

    /// Connection `id` changed what it is doing.
    func update(_ id: Int, _ activity: ConnectionTable.Activity) { state.withLock { $0.table.update(id, activity) } }

    func closed(_ id: Int) {
        state.withLock { state in
            state.table.closed(id)
            state.channels[id] = nil
        }
    }
}
