/// The Matrix user ids a plain-text line names, for the `m.mentions` of a message sitrep sends: a reply or a
/// channel line that names `@bob:example.org` (a page, a new lead) notifies bob as a pill would.
public enum MatrixMentions {
    /// The user ids in `text`, in order of first appearance, each once. A word counts when it starts with `@` and,
    /// without trailing punctuation (`,` `.` `;` `:` `!` `?` `)`), is a user id.
    public static func userIDs(in text: String) -> [String] {
        var found: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" }) where word.hasPrefix("@") {
            var candidate = word
            while let last = candidate.last, ",.;:!?)'\"".contains(last) { candidate = candidate.dropLast() }
            if let id = MatrixUserID(String(candidate)), !found.contains(id.rawValue) { found.append(id.rawValue) }
        }
        return found
    }

    /// The name a line is addressed to (`carol: incident 1 declared` → `carol`; a display name may have spaces),
    /// for the sender to mention whoever it names; nil when the line does not start with `name: `.
    public static func addressee(of text: String) -> String? {
        guard let colon = text.firstRange(of: ": ") else { return nil }
        let name = text[..<colon.lowerBound]
        guard !name.isEmpty, name.count <= 256, name.first != " ", !name.contains("\n") else { return nil }
        return String(name)
    }
}
