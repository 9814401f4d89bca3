/// What a command that changes an incident comes to, decided in one pure step from the incident as it is now,
/// the sender's rights and the channel's members: refuse it (record why, answer), or commit the changed incident
/// and then answer, announce, set the topic, arm the `/remind` timer it asks for and give the chat rights and
/// invitations the change implies. The coordinator performs it: the commit first, then the rest in that order.
///
/// The rules are `IncidentReducer`'s, plus the escalation's: `/escalate` past the last tier (or without a
/// policy) changes nothing and says why; otherwise it marks the time of the escalation.
public enum IncidentChange: Sendable, Equatable {
    /// Nothing changes: record `entries` (the refusal, when the reducer refused) and send `replies`. `denied`:
    /// the sender lacks the rights (else the incident's rules said no).
    case refuse(entries: [TimelineEntry], replies: [String], denied: Bool)
    /// Commit the change, then say and do what it holds.
    case commit(Commit)

    /// A change to commit, and what follows it.
    public struct Commit: Sendable, Equatable {
        /// The incident after the change.
        public var incident: Incident
        /// The timeline entries to commit with it.
        public var entries: [TimelineEntry]
        /// The replies to the sender (`replacingReplies` when given).
        public var replies: [String]
        /// The line for the announce channels, if any.
        public var announce: String?
        /// The channel's new topic, when the change altered it.
        public var topic: String?
        /// The `/remind` timer the command asks for (none for other commands).
        public var reminders: [IncidentTimer]
        /// Chat rights and invitations the change gives (a new lead's or role holder's).
        public var grants: [ChatAction]
    }

    /// Decides `intent` from `sender` (with `rights`) on `incident` at `time`.
    ///
    /// - Parameters:
    ///   - members: the incident channel's members, for commands that name someone.
    ///   - grantChatRights: whether a lead or role holder gets chat rights (`incidents.grant_chat_rights`).
    ///   - replacingReplies: the reply that stands for the reducer's (`/done`: what the store completed).
    public static func decide(
        _ intent: IncidentIntent, on incident: Incident, by sender: Participant, rights: Rights, at time: Timestamp,
        configuration: IncidentConfiguration, timerPolicy: TimerPolicy, members: [Participant],
        grantChatRights: Bool, replacingReplies: [String]? = nil
    ) -> IncidentChange {
        let outcome = IncidentReducer.apply(
            intent, to: incident, by: sender, rights: rights, at: time, configuration: configuration, members: members)
        guard case .changed(var changed, let entries, let replies, let announce, let topicChanged) = outcome else {
            return .refuse(entries: outcome.entries, replies: outcome.replies, denied: rights.level < intent.requiredLevel)
        }
        if case .escalate(nil, _) = intent {
            // Past the last tier (or without a policy) nobody would be paged: say so, and change nothing.
            if let refusal = TimerPlanner.escalationRefusal(for: incident, policy: timerPolicy) {
                return .refuse(entries: [], replies: [refusal], denied: false)
            }
            changed.lastEscalatedAt = time
        }
        let grants = ChatRightsGrant.actions(after: intent, on: changed, enabled: grantChatRights)
            + HolderInvitation.actions(after: intent, on: changed, by: sender.identity, members: members)
        return .commit(
            Commit(
                incident: changed, entries: entries, replies: replacingReplies ?? replies, announce: announce,
                topic: topicChanged ? IncidentReducer.topic(for: changed) : nil,
                reminders: TimerDesk.reminder(for: intent, in: changed, at: time), grants: grants))
    }
}
