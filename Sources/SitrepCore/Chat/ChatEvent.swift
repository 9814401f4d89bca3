/// Something that happened in a chat channel or private conversation, in terms every network shares.
///
/// A network adapter (IRC today, Matrix later) turns its protocol events into these; the incident core records
/// them on timelines and reads commands from them without knowing which network they came from.
public struct ChatEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A message; `style` says whether it was a plain message, a notice or an action (`/me`).
        case message(text: String, style: MessageStyle)
        case join
        case part(reason: String?)
        case quit(reason: String?)
        case nick(newNick: String)
        /// `target` (a nick) was removed from the channel by the sender.
        case kick(target: String, reason: String?)
        case topic(text: String)
        /// A mode change, as text (`+o alice`). Matrix room changes without an IRC equivalent (room name, power
        /// levels, invites, encryption) are written the same way (`power @bob:example.org 0 -> 50`).
        case mode(text: String)
        /// The sender replaced the text of their earlier message `of` (a network event id) with `text`.
        case edit(of: String, text: String)
        /// The sender removed the earlier event `of` (a network event id) from the room, with an optional reason.
        case redaction(of: String, reason: String?)
    }

    public enum MessageStyle: Sendable, Equatable {
        case plain
        case notice
        case action
    }

    public var kind: Kind
    /// The channel it happened in; nil for a private message to the bot.
    public var channel: ChatChannel?
    public var sender: Participant
    /// Server time when the network gives it, else the time it was received.
    public var time: Timestamp
    /// True for the bot's own lines echoed back by the server.
    public var isOwn: Bool
    /// The network's own id for this event (a Matrix event id), which edits and redactions refer to; nil where
    /// the network gives none.
    public var id: String?

    public init(
        kind: Kind, channel: ChatChannel?, sender: Participant, time: Timestamp, isOwn: Bool = false, id: String? = nil
    ) {
        self.kind = kind
        self.channel = channel
        self.sender = sender
        self.time = time
        self.isOwn = isOwn
        self.id = id
    }
}

/// Something the incident core wants done on a chat network; the adapter turns it into protocol lines.
public enum ChatAction: Sendable, Equatable, Codable {
    /// A reply or announcement (a NOTICE on IRC) to a channel or a person (by nick).
    case say(target: String, text: String)
    /// A direct message that must reach the person (PRIVMSG on IRC): pages. Goes ahead of ordinary replies.
    case message(target: String, text: String)
    /// A bulk post (alerts no incident took, in the announce channel; a NOTICE on IRC): goes after every reply
    /// and announcement, so a storm of them never delays what people wait for.
    case post(target: String, text: String)
    case join(channel: String)
    case part(channel: String, reason: String?)
    case setTopic(channel: String, topic: String)
    /// Invite a person into a channel (someone paged: behind every reply, since the page told them where to go).
    case invite(nick: String, channel: String)
    /// Invite the person who just declared an incident into its channel: they wait for it, so it goes (with the
    /// lines of the same batch: the declaration's reply) ahead of everything else queued, other incidents' pages
    /// included, right behind the channel's JOIN.
    case awaitedInvite(nick: String, channel: String)
    /// Give `person` rights in `channel` (channel operator on IRC, the responder power level on Matrix), never
    /// taking any away: the operator enabled `incidents.grant_chat_rights` and they now lead or hold a role.
    case grantRights(person: Participant, channel: String)
}
