import OnCall
import Paging
import SitrepCore

/// The operator's incident settings the coordinator runs with: naming and roles, who may do what, where
/// announcements go, and how often the transcript buffer is committed.
public struct CoordinatorSettings: Sendable {
    public var incidents: IncidentConfiguration
    public var permissions: Permissions
    /// Channel that hears about every declaration, update and closure (nil: none).
    public var announceChannel: String?
    /// Announce channels on the other connected networks (a Matrix announce room beside the IRC channel): every
    /// announcement goes to each of them too.
    public var otherAnnounceChannels: [String] = []
    /// Escalation policies, reminder cadences and SLA targets.
    public var timerPolicy: TimerPolicy
    /// Commit buffered transcript lines at least this often.
    public var flushInterval: Duration
    /// …or as soon as this many are buffered.
    public var flushThreshold: Int
    /// What to do with alerts from monitoring (rules, severity mapping, lines per batch).
    public var alertPolicy: AlertPolicy
    /// Whether `/lead` and `/role` give the holder rights in the incident's channel (`incidents.grant_chat_rights`).
    public var grantChatRights = false
    /// On-call schedules by name, for `schedule:NAME` page targets and `/oncall`, `/override`.
    public var schedules: [String: OnCallSchedule] = [:]
    /// The methods beyond chat a person is paged by, in order (`paging` in the config): someone with an email or
    /// webhook step left is still being paged when their chat message fails. None unless configured.
    public var methodsBeyondChat: @Sendable (ChatIdentity) -> [ContactMethod.Kind] = { _ in [] }

    public init(
        incidents: IncidentConfiguration = IncidentConfiguration(), permissions: Permissions = Permissions(),
        announceChannel: String? = nil, timerPolicy: TimerPolicy = TimerPolicy(), flushInterval: Duration = .milliseconds(50), flushThreshold: Int = 4_096,
        alertPolicy: AlertPolicy = AlertPolicy()
    ) {
        self.incidents = incidents
        self.permissions = permissions
        self.announceChannel = announceChannel
        self.timerPolicy = timerPolicy
        self.flushInterval = flushInterval
        self.flushThreshold = flushThreshold
        self.alertPolicy = alertPolicy
    }

    /// Every channel that hears announcements, on every network.
    public var announceChannels: [String] {
        (announceChannel.map { [$0] } ?? []) + otherAnnounceChannels
    }
}
