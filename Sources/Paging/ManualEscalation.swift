import SitrepCore

/// Who a manual `!escalate <target> [reason]` pages, as a pure rule: `schedule:NAME` pages whoever is on call
/// there, a configured team's name its members one by one, an account name (a Matrix user id) that account (so
/// its configured contacts and rules apply), anything else the nick given. The one who escalates is never paged.
public enum ManualEscalation {
    /// The schedule `target` names (`schedule:NAME`, any case), nil for any other target.
    public static func scheduleName(_ target: String) -> String? {
        guard target.lowercased().hasPrefix("schedule:") else { return nil }
        return String(target.dropFirst("schedule:".count))
    }

    /// The pages for `target`: `onCall` is who is on call for it (nil: not a schedule target, or no such
    /// schedule), `teams` the configured teams by lowercased name, `network` the id of the incident's network and
    /// `isAccountName` whether a name is an account there rather than a nick.
    public static func pages(
        to target: String, onCall: [ChatIdentity]?, teams: [String: [ChatIdentity]], network: String,
        isAccountName: (String) -> Bool, escalatedBy sender: ChatIdentity, text: String
    ) -> [Page] {
        let named = isAccountName(target)
            ? ChatIdentity.account(target, network: network) : ChatIdentity.nick(target, network: network)
        let people = onCall ?? teams[target.lowercased()] ?? [named]
        return people.filter { !$0.isSameIdentity(as: sender) }.map { Page(person: $0, text: text) }
    }
}
