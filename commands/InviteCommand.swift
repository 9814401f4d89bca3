import SitrepCore

/// `/invite <person>`: invite someone into the incident's channel or room (a nick, or a Matrix user id), e.g. a
/// responder who cannot join an invite-only room on their own.
public enum InviteCommand: ChatCommand {
    public static let name = "invite"
    public static let summary = "invite someone into this incident's channel or room"
    public static let usage = "/invite <person>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("dave", .invite(nick: "dave")), CommandExample("@dave", .invite(nick: "dave")),
        CommandExample("@dave:example.org", .invite(nick: "@dave:example.org")),
        .invalid(""), .invalid("dave carol"), .invalid("#ops"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard words.count == 1, let nick = ArgumentText.nick(words[0]) else {
            return .failure(usageError("name one person to invite, e.g. \(command: "invite") dave"))
        }
        return .success(.invite(nick: nick))
    }
}
