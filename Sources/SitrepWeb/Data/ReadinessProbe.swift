/// Whether the process can do its job right now: connected to chat and able to write to its store. `/readyz`
/// asks it on every request; `SitrepApp` implements it over the chat client and the store, so SitrepWeb imports
/// neither.
public protocol ReadinessProbe: Sendable {
    func readiness() async -> Readiness
    /// Lines that say what this process is (e.g. which instance of a pair is active), shown on `/healthz` and
    /// `/readyz`; cheap, no store call.
    func statusLines() -> [String]
}

extension ReadinessProbe {
    public func statusLines() -> [String] { [] }
}

/// The answer of a `ReadinessProbe`: ready, or the reasons it is not (short, for an operator or a load balancer).
public struct Readiness: Sendable, Equatable {
    /// Empty when ready.
    public var problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public static let ready = Readiness(problems: [])

    public var isReady: Bool { problems.isEmpty }
}
