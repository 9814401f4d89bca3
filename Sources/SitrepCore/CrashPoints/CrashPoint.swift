import Synchronization

/// A named place on a durable path (between a store commit and the send it confirms, between a send and the
/// plan that follows it, …) where a crash test kills the process. Names are dotted, `flow.step`; each flow
/// declares its points beside its code (`extension CrashPoint { static let … }`) and lists them in `all`.
///
/// A test arms one point with `SITREP_CRASH_AT=name` (the first hit) or `name:N` (the N-th hit) in the
/// environment of the real `sitrep` binary, which then dies there with SIGKILL semantics: no cleanup, no flush,
/// no graceful shutdown. Unarmed, `reached` is one relaxed atomic load.
public struct CrashPoint: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ name: String) { self.rawValue = name }
    public var description: String { rawValue }

    /// Every durable path's points, for tests that walk them all and for validating `SITREP_CRASH_AT`.
    public static var all: [CrashPoint] {
        timerPoints + commandPoints + alertPoints + matrixPoints + matrixReadPoints + failoverPoints + pagingPoints
    }

    /// The process reached `point`: dies here when this point is armed and this is the armed hit.
    @inline(__always)
    public static func reached(_ point: CrashPoint) {
        guard CrashPoints.isArmed.load(ordering: .relaxed) else { return }
        CrashPoints.hit(point)
    }
}

/// The armed crash point, if any, and what dying means (the executable installs SIGKILL).
public enum CrashPoints {
    /// A malformed `SITREP_CRASH_AT` value, named so the tester can fix it.
    public struct InvalidSpecification: Error, CustomStringConvertible {
        public var value: String
        public var description: String {
            "SITREP_CRASH_AT=\(value): expected NAME or NAME:N (N ≥ 1) with NAME one of "
                + CrashPoint.all.map(\.rawValue).joined(separator: ", ")
        }
    }

    struct Armed {
        var point: CrashPoint
        var remaining: Int
        var die: @Sendable (CrashPoint) -> Void
    }

    static let isArmed = Atomic<Bool>(false)
    private static let armed = Mutex<Armed?>(nil)

    /// Arms the point `specification` names (`name` or `name:N`); nil or empty disarms. `die` is called at the
    /// armed hit and must not return normally (the executable sends itself SIGKILL).
    public static func arm(_ specification: String?, die: @escaping @Sendable (CrashPoint) -> Void) throws {
        guard let specification, !specification.isEmpty else {
            armed.withLock { $0 = nil }
            isArmed.store(false, ordering: .relaxed)
            return
        }
        let parts = specification.split(separator: ":", omittingEmptySubsequences: false)
        let point = CrashPoint(String(parts[0]))
        let count = parts.count == 2 ? Int(parts[1]) : (parts.count == 1 ? 1 : nil)
        guard CrashPoint.all.contains(point), let count, count >= 1 else {
            throw InvalidSpecification(value: specification)
        }
        armed.withLock { $0 = Armed(point: point, remaining: count, die: die) }
        isArmed.store(true, ordering: .relaxed)
    }

    static func hit(_ point: CrashPoint) {
        let die = armed.withLock { armed -> (@Sendable (CrashPoint) -> Void)? in
            guard var current = armed, current.point == point else { return nil }
            current.remaining -= 1
            armed = current
            return current.remaining == 0 ? current.die : nil
        }
        die?(point)
    }
}
