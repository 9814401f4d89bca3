import SitrepCore

/// Builds an incident's timeline the way a running sitrep would: intents through `IncidentReducer`, timer
/// firings through `TimerPlanner.fire`, transcript lines as the coordinator records them.
struct ReviewScript {
    static let declaredAt = Timestamp(milliseconds: 1_800_000_000_000)
    static let policy = TimerPolicy(
        escalationBySeverity: [
            .sev1: EscalationPolicy(name: "critical", tiers: [.init(notify: [.person(.account("dave"))], after: .seconds(60))])
        ])

    var incident: Incident
    var entries: [TimelineEntry]
    var followUps: [FollowUp] = []

    static func at(_ seconds: Int64) -> Timestamp { declaredAt.adding(.seconds(seconds)) }

    init(id: Int64, severity: Severity, title: String, by sender: Participant) {
        let declaration = IncidentReducer.declare(
            id: id, severity: severity, title: title, by: sender, at: Self.declaredAt)
        incident = declaration.incident
        entries = []
        declaration.entries.forEach { append($0) }
    }

    private mutating func append(_ entry: TimelineEntry) {
        var entry = entry
        entry.sequence = Int64(entries.count + 1)
        entries.append(entry)
    }

    /// Runs a command as `sender` at `seconds` after the declaration; refusals are recorded too.
    mutating func run(_ intent: IncidentIntent, by sender: Participant, at seconds: Int64, rights: Rights = .commander) {
        let outcome = IncidentReducer.apply(intent, to: incident, by: sender, rights: rights, at: Self.at(seconds))
        if let changed = outcome.incident { incident = changed }
        outcome.entries.forEach { append($0) }
    }

    /// A transcript line.
    mutating func say(_ text: String, by nick: String, at seconds: Int64, kind: TimelineEntry.Kind = .message) {
        append(TimelineEntry(incidentID: incident.id, time: Self.at(seconds), kind: kind, author: nick, text: text))
    }

    /// `/mark nick` as the coordinator finishes it: the mark entry, then the member's last message becomes a key
    /// event.
    mutating func mark(_ nick: String, by sender: Participant, at seconds: Int64) {
        run(.mark(nick: nick), by: sender, at: seconds)
        if let index = entries.lastIndex(where: { $0.kind == .message && $0.author == nick }) {
            entries[index].isKeyEvent = true
        }
    }

    /// The escalation timer of `tier` firing.
    mutating func page(tier: Int, at seconds: Int64) {
        let timer = IncidentTimer(incidentID: incident.id, kind: .escalation, key: "tier-\(tier)", due: Self.at(seconds))
        let firing = TimerPlanner.fire(timer, for: incident, policy: Self.policy, at: Self.at(seconds), botNick: "sitrep")
        incident = firing.incident
        firing.entries.forEach { append($0) }
    }

    mutating func gap(from: Int64, to: Int64) {
        let text = "recording interrupted \(CivilTime(Self.at(from)).clock)–\(CivilTime(Self.at(to)).clock) UTC "
            + "(the chat connection was down)"
        append(
            TimelineEntry(
                incidentID: incident.id, time: Self.at(to), kind: .gap, author: "", text: text,
                detail: .gap(from: Self.at(from), to: Self.at(to)), isKeyEvent: true))
    }

    /// `/followup` and the follow-up the store would create.
    mutating func followUp(_ id: Int64, _ text: String, owner: String?, by sender: Participant, at seconds: Int64) {
        run(.followup(text: text, owner: owner), by: sender, at: seconds)
        followUps.append(
            FollowUp(
                id: id, incidentID: incident.id, text: text, owner: owner, createdAt: Self.at(seconds),
                createdBy: sender))
    }

    /// `/done id` and the store completing the follow-up.
    mutating func complete(_ id: Int64, by sender: Participant, at seconds: Int64) {
        run(.done(id), by: sender, at: seconds)
        guard let index = followUps.firstIndex(where: { $0.id == id }) else { return }
        followUps[index].state = .done
        followUps[index].doneAt = Self.at(seconds)
    }

    func review(generatedAt seconds: Int64 = 7200, rules: ReviewRules = ReviewRules()) -> ReviewDocument {
        ReviewDocument(
            incident: incident, timeline: entries, followUps: followUps, generatedAt: Self.at(seconds), rules: rules)
    }
}

/// The incidents the review tests read.
enum ReviewFixtures {
    static let alice = Participant(identity: .account("alice"), nick: "alice")
    static let bob = Participant(identity: .account("bob"), nick: "bob")
    static let carol = Participant(identity: .account("carol"), nick: "carol")
    static let guest = Participant(identity: .nick("guest"), nick: "guest")

    /// INC-7: a SEV1 from declaration to closure, then reviewed (factors and lessons after closure).
    ///
    /// | state         | from  | to    | time   |
    /// |---------------|-------|-------|--------|
    /// | investigating | 0     | 1500  | 25m    |
    /// | identified    | 1500  | 1800  | 5m     |
    /// | mitigated     | 1800  | 3600  | 30m    |
    /// | resolved      | 3600  | 3900  | 5m     |
    ///
    /// Acknowledged at 845 s (14m 5s), mitigated at 1800 s (30m), resolved at 3600 s (1h), closed at 3900 s
    /// (1h 5m).
    static var sev1: ReviewScript {
        var s = ReviewScript(id: 7, severity: .sev2, title: "Checkout returns 500s", by: bob)
        s.say("checkout 500s since 07:58", by: "carol", at: 20)
        s.say("carol", by: "carol", at: 25, kind: .join)
        s.run(.severity(.sev1, reason: "all regions"), by: bob, at: 45)
        s.page(tier: 1, at: 105)
        s.run(.ack, by: guest, at: 500, rights: .stakeholder)
        s.run(.ack, by: alice, at: 845)
        s.run(.lead(nick: nil), by: alice, at: 850)
        s.run(.role(name: "comms", nick: "bob"), by: alice, at: 900)
        s.run(.update("Checkout failing for all customers; card payments affected"), by: bob, at: 960)
        s.run(.note("error rate 80% on payments-api"), by: alice, at: 1000)
        s.say("rolled deploy 512 back on canary, errors unchanged", by: "carol", at: 1030)
        s.mark("carol", by: alice, at: 1040)
        s.run(.contain("drained eu-1 traffic to us-east"), by: alice, at: 1100)
        s.run(.escalate(target: nil, reason: "need the dba team"), by: alice, at: 1200)
        s.run(.identified("expired TLS certificate on the payments db proxy"), by: alice, at: 1500)
        s.run(.workaround("TLS verification off on the proxy, temporarily"), by: alice, at: 1800)
        s.run(.update("Checkout works again through a workaround"), by: bob, at: 1860)
        s.run(.role(name: "comms", nick: "dave"), by: alice, at: 2100)
        s.gap(from: 2160, to: 2200)
        s.run(.lead(nick: "carol"), by: bob, at: 2400)
        s.say("sitrep: status", by: "alice", at: 2500)
        s.say("INC-7 [SEV1] Checkout returns 500s — mitigated", by: "sitrep", at: 2500, kind: .bot)
        s.run(.resolve("renewed the certificate and turned verification back on"), by: carol, at: 3600)
        s.run(.cause("the renewal cron was disabled during the March migration"), by: carol, at: 3700)
        s.followUp(2, "renew the staging certificate too", owner: "carol", by: carol, at: 3740)
        s.followUp(3, "alert 14 days before any certificate expires", owner: "bob", by: carol, at: 3750)
        s.followUp(4, "audit crons disabled in the migration", owner: nil, by: carol, at: 3760)
        s.complete(2, by: carol, at: 3800)
        s.run(.close, by: carol, at: 3900)
        s.run(.factor("no alert on certificate expiry"), by: alice, at: 5000, rights: .responder)
        s.run(.factor("the renewal cron was disabled silently"), by: bob, at: 5010, rights: .responder)
        s.run(.lesson("a workaround behind a flag bought us time"), by: alice, at: 5100, rights: .responder)
        return s
    }

    /// INC-8: a SEV4 cancelled as a false alarm after 10 minutes.
    static var cancelledSev4: ReviewScript {
        var s = ReviewScript(id: 8, severity: .sev4, title: "Disk usage alert on build-3", by: carol)
        s.say("disk alert fired on build-3 <again>", by: "carol", at: 120)
        s.run(.ack, by: alice, at: 300)
        s.run(.note("disk at 71%, alert threshold is 70% instead of 90%"), by: alice, at: 400)
        s.run(.cancel("false alarm: threshold misconfigured"), by: alice, at: 600)
        s.followUp(9, "fix the build-3 disk alert threshold", owner: nil, by: alice, at: 650)
        s.run(.factor("not allowed when cancelled"), by: alice, at: 700)
        return s
    }
}
