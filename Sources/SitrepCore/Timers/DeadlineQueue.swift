/// Pending timers ordered by due time: the earliest in O(1), insert and remove in O(log n), replace an
/// incident's timers at once. A binary min-heap with lazy deletion: a removed or replaced timer stays in the
/// heap until it reaches the top, where it is recognised as stale and dropped.
public struct DeadlineQueue: Sendable {
    private struct Slot: Sendable {
        var due: Timestamp
        var id: IncidentTimer.ID
        var generation: UInt64
    }

    private var heap: [Slot] = []
    /// The live version of each timer and the generation its heap slot must carry.
    private var live: [IncidentTimer.ID: (timer: IncidentTimer, generation: UInt64)] = [:]
    private var byIncident: [Int64: Set<IncidentTimer.ID>] = [:]
    private var nextGeneration: UInt64 = 0

    public init() {}

    /// Timers waiting.
    public var count: Int { live.count }

    /// The pending timers of one incident, soonest first.
    public func timers(of incidentID: Int64) -> [IncidentTimer] {
        (byIncident[incidentID] ?? []).compactMap { live[$0]?.timer }.sorted { ($0.due, "\($0.id)") < ($1.due, "\($1.id)") }
    }

    /// Adds or moves a timer.
    public mutating func insert(_ timer: IncidentTimer) {
        nextGeneration += 1
        live[timer.id] = (timer, nextGeneration)
        byIncident[timer.id.incidentID, default: []].insert(timer.id)
        heap.append(Slot(due: timer.due, id: timer.id, generation: nextGeneration))
        siftUp(heap.count - 1)
        if heap.count > 2 * live.count + 1024 { rebuild() }
    }

    /// Drops every stale slot at once when they outnumber the live ones.
    private mutating func rebuild() {
        heap = live.values.map { Slot(due: $0.timer.due, id: $0.timer.id, generation: $0.generation) }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    public mutating func remove(_ id: IncidentTimer.ID) {
        guard live.removeValue(forKey: id) != nil else { return }
        byIncident[id.incidentID]?.remove(id)
        if byIncident[id.incidentID]?.isEmpty == true { byIncident[id.incidentID] = nil }
    }

    /// Makes `timers` the pending timers of `incidentID`: others of that incident are removed, unchanged ones kept.
    public mutating func replace(incidentID: Int64, with timers: [IncidentTimer]) {
        let wanted = Set(timers.map(\.id))
        for id in byIncident[incidentID] ?? [] where !wanted.contains(id) { remove(id) }
        for timer in timers where live[timer.id]?.timer != timer { insert(timer) }
    }

    /// The earliest live timer, if any.
    public mutating func peek() -> IncidentTimer? {
        dropStale()
        return heap.first.flatMap { live[$0.id]?.timer }
    }

    /// Removes and returns every timer due at or before `now`, earliest first.
    public mutating func popDue(_ now: Timestamp) -> [IncidentTimer] {
        var due: [IncidentTimer] = []
        while let next = peek(), next.due <= now {
            popTop()
            remove(next.id)
            due.append(next)
        }
        return due
    }

    private mutating func dropStale() {
        while let top = heap.first, live[top.id]?.generation != top.generation { popTop() }
    }

    private mutating func popTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
    }

    private func before(_ a: Slot, _ b: Slot) -> Bool {
        a.due < b.due || (a.due == b.due && a.generation < b.generation)
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count && before(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
