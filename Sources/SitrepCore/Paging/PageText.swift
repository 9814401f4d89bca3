/// Every text sitrep sends or says about a page, in one place: the direct message a paged person gets, the
/// reply naming who is paged, and what the channel hears when a page cannot be delivered.
///
/// A page fits the incident as it is: while nobody has acknowledged, it asks the person to join and `!ack`;
/// once somebody has, it says who and only asks them to join and help. All texts are one line, safe to send.
/// Command hints use the prefix of the network the text goes to (`CommandHint`, `!` by default).
public enum PageText {
    /// The direct message for a page: `You are paged for INC-4 [SEV1] Checkout down (escalation tier 2, by
    /// alice: db is gone) — join #inc-4 and !ack`. `why` is what paged them (`escalation tier 2`), `by` the nick
    /// that escalated by hand (nil for a timer), `reason` theirs.
    public static func page(for incident: Incident, why: String?, by: String? = nil, reason: String? = nil) -> String {
        var cause: [String] = []
        if let why { cause.append(why) }
        if let by { cause.append("by \(ChatText.oneLine(by, limit: 64))") }
        var context = cause.joined(separator: ", ")
        if let reason { context += (context.isEmpty ? "" : ": ") + ChatText.oneLine(reason, limit: 200) }
        let parenthesised = context.isEmpty ? "" : " (\(context))"
        let channel = incident.channel.name
        let ask: String
        if let acknowledgedBy = incident.acknowledgedBy {
            ask = "acknowledged by \(ChatText.oneLine(acknowledgedBy.nick, limit: 64)); join \(channel) to help"
        } else {
            ask = "join \(channel) and \(command: "ack")"
        }
        return ChatText.oneLine(
            "You are paged for \(IncidentReducer.headline(incident))\(parenthesised) — \(ask)", limit: 400)
    }

    /// ` — paging bob, dave`, for the reply to a manual `!escalate`; ` — nobody to page` when the target has
    /// nobody in it.
    public static func pagingSuffix(_ names: [String]) -> String {
        names.isEmpty ? " — nobody to page" : " — paging " + names.map { ChatText.oneLine($0, limit: 64) }.joined(separator: ", ")
    }

    /// The reply to a manual `!escalate` with who is paged (`pagingSuffix`) added to its first line.
    public static func naming(_ names: [String], in replies: [String]) -> [String] {
        guard let first = replies.first else { return replies }
        return [ChatText.oneLine(first + pagingSuffix(names), limit: 400)] + replies.dropFirst()
    }

    /// `INC-4 is already at its last escalation tier (tier 2: bob, team dba); nothing changed — !escalate <nick
    /// or team> pages someone else`.
    public static func lastTierReached(_ incident: Incident, tier: String) -> String {
        ChatText.oneLine(
            "INC-\(incident.id) is already at its last escalation tier (\(tier)); nothing changed — "
                + "\(command: "escalate") <nick or team> pages someone else", limit: 400)
    }

    /// `INC-4 has no escalation policy for SEV3; nothing changed — !escalate <nick or team> pages someone`.
    public static func noEscalationPolicy(_ incident: Incident) -> String {
        "INC-\(incident.id) has no escalation policy for \(incident.severity); nothing changed — "
            + "\(command: "escalate") <nick or team> pages someone"
    }

    /// The timeline entry that lets paged people work the incident:
    /// `bob, dave paged: they may !ack and add notes in INC-4`.
    public static func rightsGranted(_ names: [String], in incident: Incident) -> String {
        ChatText.oneLine(
            "\(names.joined(separator: ", ")) paged: responder rights in INC-\(incident.id) (\(command: "ack"), notes)",
            limit: 400)
    }

    /// Said in the incident channel when a page could not be delivered: `bob is not on IRC; paging tier 2
    /// now: carol` or `bob is not on IRC; no tier left to page — INC-4 is still not acknowledged`.
    public static func undeliverable(_ nick: String, network: String, next: String?) -> String {
        let who = ChatText.oneLine(nick, limit: 64)
        let place = network.lowercased() == "irc" ? "IRC" : ChatText.oneLine(network, limit: 32)
        guard let next else { return "\(who) is not on \(place); the page was not delivered" }
        return ChatText.oneLine("\(who) is not on \(place); the page was not delivered — \(next)", limit: 400)
    }

    /// The reply to `!pages`: a count, then one line per attempt, oldest first, at most `limit` of them:
    /// `12:03:05 bob by chat to bob (tier-1): failed — not on IRC`.
    public static func list(_ attempts: [PageAttempt], of incident: Incident, limit: Int = 10) -> [String] {
        guard !attempts.isEmpty else { return ["INC-\(incident.id): nobody paged yet"] }
        let people = Set(attempts.map(\.person)).count
        let header = "INC-\(incident.id): \(attempts.count) page\(attempts.count == 1 ? "" : "s") to \(people) "
            + "\(people == 1 ? "person" : "people")"
        let lines = attempts.suffix(limit).map { attempt in
            var outcome = attempt.status.rawValue
            if let reason = attempt.reason { outcome += " — \(reason)" }
            if attempt.status != .queued, let at = attempt.updatedAt { outcome += " at \(CivilTime(at).clock)" }
            return ChatText.oneLine(
                "\(CivilTime(attempt.queuedAt).clock) \(attempt.person.name) by \(attempt.method) to \(attempt.address) "
                    + "(\(attempt.step)): \(outcome)", limit: 300)
        }
        let earlier = attempts.count > limit ? ["(\(attempts.count - limit) earlier not shown)"] : []
        return [header] + earlier + lines
    }
}
