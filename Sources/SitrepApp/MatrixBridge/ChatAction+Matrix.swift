import SitrepCore

extension ChatAction {
    /// A short name for logs and transaction ids.
    var kindName: String {
        switch self {
        case .say: "say"
        case .post: "post"
        case .message: "message"
        case .join: "join"
        case .part: "part"
        case .setTopic: "topic"
        case .invite, .awaitedInvite: "invite"
        case .grantRights: "grant"
        }
    }

    /// The text the action carries, if any.
    var text: String {
        switch self {
        case .say(_, let text), .message(_, let text), .post(_, let text): text
        case .setTopic(_, let topic): topic
        case .part(_, let reason): reason ?? ""
        case .invite(let nick, _), .awaitedInvite(let nick, _): nick
        case .grantRights(let person, _): person.identity.name
        case .join: ""
        }
    }
}
