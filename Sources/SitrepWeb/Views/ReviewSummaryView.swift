import SitrepCore

/// The public summary of a closed incident's review, built from its `ReviewDocument`: how long each phase took,
/// the root cause and resolution as recorded, and how many follow-up actions there are. The review itself (key
/// events, notes, factors, lessons, open questions) stays internal.
///
/// JSON: `time_to_acknowledge_seconds`, `time_to_mitigate_seconds`, `time_to_resolve_seconds` (null when it never
/// happened), `duration_seconds` (declared to closed), `time_in_state` (`[{state, seconds}]`), `root_cause`,
/// `resolution`, `follow_ups`, `follow_ups_open`.
public struct ReviewSummaryView: Encodable, Sendable, Equatable {
    /// Time spent in one state.
    public struct StateTime: Encodable, Sendable, Equatable {
        public let state: String
        public let seconds: Int64
        let text: String

        enum CodingKeys: String, CodingKey { case state, seconds }
    }

    /// A labelled duration, for the page.
    struct Measure: Sendable, Equatable {
        let label: String
        let value: String
    }

    public let timeToAcknowledgeSeconds: Int64?
    public let timeToMitigateSeconds: Int64?
    public let timeToResolveSeconds: Int64?
    public let durationSeconds: Int64
    public let timeInState: [StateTime]
    public let rootCause: String?
    public let resolution: String?
    public let followUps: Int
    public let followUpsOpen: Int

    let measures: [Measure]

    enum CodingKeys: String, CodingKey {
        case timeToAcknowledgeSeconds = "time_to_acknowledge_seconds"
        case timeToMitigateSeconds = "time_to_mitigate_seconds"
        case timeToResolveSeconds = "time_to_resolve_seconds"
        case durationSeconds = "duration_seconds"
        case timeInState = "time_in_state"
        case rootCause = "root_cause"
        case resolution
        case followUps = "follow_ups"
        case followUpsOpen = "follow_ups_open"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(timeToAcknowledgeSeconds, forKey: .timeToAcknowledgeSeconds)
        try container.encode(timeToMitigateSeconds, forKey: .timeToMitigateSeconds)
        try container.encode(timeToResolveSeconds, forKey: .timeToResolveSeconds)
        try container.encode(durationSeconds, forKey: .durationSeconds)
        try container.encode(timeInState, forKey: .timeInState)
        try container.encode(rootCause, forKey: .rootCause)
        try container.encode(resolution, forKey: .resolution)
        try container.encode(followUps, forKey: .followUps)
        try container.encode(followUpsOpen, forKey: .followUpsOpen)
    }

    public init(_ review: ReviewDocument) {
        let durations = review.durations
        timeToAcknowledgeSeconds = durations.toAcknowledge.map(Self.seconds)
        timeToMitigateSeconds = durations.toMitigate.map(Self.seconds)
        timeToResolveSeconds = durations.toResolve.map(Self.seconds)
        durationSeconds = Self.seconds(durations.total)
        timeInState = durations.inState.map {
            StateTime(state: $0.state.rawValue, seconds: Self.seconds($0.duration), text: WebTime.age($0.duration))
        }
        rootCause = review.rootCause?.text
        resolution = review.resolution?.text
        followUps = review.followUps.count
        followUpsOpen = review.openFollowUps.count
        measures = [
            Measure(label: "Time to acknowledge", value: Self.text(durations.toAcknowledge, none: "not acknowledged")),
            Measure(label: "Time to mitigate", value: Self.text(durations.toMitigate, none: "not mitigated")),
            Measure(label: "Time to resolve", value: Self.text(durations.toResolve, none: "not resolved")),
            Measure(label: "Total", value: WebTime.age(durations.total)),
        ]
    }

    private static func seconds(_ duration: Duration) -> Int64 { max(0, duration.components.seconds) }

    private static func text(_ duration: Duration?, none: String) -> String {
        duration.map(WebTime.age) ?? none
    }
}
