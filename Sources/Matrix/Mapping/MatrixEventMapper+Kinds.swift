import SitrepCore

extension MatrixEventMapper {
    /// A message, an edit of one, or nothing for an empty body.
    static func kind(of message: MatrixMessageContent) -> ChatEvent.Kind? {
        if let original = message.editedEventID {
            let text = message.newContent?.body ?? String(message.body.trimmingPrefix(" * "))
            return .edit(of: original, text: text)
        }
        let style: ChatEvent.MessageStyle =
            switch message.msgtype {
            case "m.notice": .notice
            case "m.emote": .action
            default: .plain
            }
        let text = message.relatesTo?.inReplyTo == nil ? message.body : withoutReplyFallback(message.body)
        return .message(text: text, style: style)
    }

    /// A membership change of `target`, done by `sender`, from `previous` (nil when unknown).
    static func kind(
        of member: MatrixMemberContent, previous: MatrixMemberContent?, target: String, sender: String
    ) -> ChatEvent.Kind? {
        let before = previous?.membership
        switch member.membership {
        case "join" where before == "join":
            guard let name = member.displayName, name != previous?.displayName else { return nil }
            return .nick(newNick: name)
        case "join":
            return .join
        case "leave" where before == "invite" || before == "ban" || before == "knock":
            return nil  // an invite declined or withdrawn, an unban, a knock refused: nobody left the room
        case "leave" where sender == target:
            return .part(reason: member.reason)
        case "leave":
            return .kick(target: target, reason: member.reason)
        case "ban" where before == "join":
            return .kick(target: target, reason: member.reason)
        case "ban":
            return .mode(text: "ban \(target)")
        case "invite":
            return .mode(text: "invite \(target)")
        default:
            return nil
        }
    }

    /// The change of power levels as text: `power @bob:example.org 0 -> 50`, one part per changed user.
    static func describe(_ levels: MatrixPowerLevels, previous: MatrixPowerLevels?) -> String {
        let old = previous ?? MatrixPowerLevels()
        var changes: [String] = []
        if levels.usersDefault != old.usersDefault {
            changes.append("default \(old.usersDefault) -> \(levels.usersDefault)")
        }
        for user in Set(levels.users.keys).union(old.users.keys).sorted() {
            let (from, to) = (old.level(of: user), levels.level(of: user))
            if from != to { changes.append("\(user) \(from) -> \(to)") }
        }
        return changes.isEmpty ? "power levels changed" : "power " + changes.joined(separator: ", ")
    }

    /// The body without the `> <@someone> …` quote clients put before a reply (deprecated, still sent).
    static func withoutReplyFallback(_ body: String) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.hasPrefix(">") == true else { return body }
        let rest = lines.drop { $0.hasPrefix(">") }
        return (rest.first?.isEmpty == true ? rest.dropFirst() : rest).joined(separator: "\n")
    }
}
