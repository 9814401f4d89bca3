/// Chat lines about alerts: one line per alert up to a limit, then one summary line for the rest, so an alert
/// storm costs a handful of paced lines instead of flooding the channel. Every line is `ChatText`-safe (no CR,
/// LF or NUL, whatever the alert's labels contain).
public enum AlertAnnouncement {
    /// One alert to mention, and how.
    public struct Item: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// Firing; with `hint`, followed by `/declare from alert N`.
            case firing(hint: Bool)
            /// Firing again after it had resolved (its incident is still open).
            case firingAgain
            /// Firing and part of an incident (declared from it or attached to it).
            case inIncident(id: Int64, channel: String)
            /// Resolved; the incident it belongs to, if any.
            case resolved(incidentID: Int64?)

            var isFiring: Bool {
                if case .resolved = self { return false }
                return true
            }

            /// Incidents first, then new firing alerts, then resolved ones.
            var rank: Int {
                switch self {
                case .inIncident: 0
                case .firingAgain: 1
                case .firing: 2
                case .resolved: 3
                }
            }
        }

        public var alert: Alert
        public var kind: Kind
        /// The severity the alert's labels name (for ordering: the worst first).
        public var severity: Severity?
        /// The severity label's value as written (`critical`), shown in brackets.
        public var label: String?
        /// Shown at the end of the line (the alert's link, in incident channels).
        public var url: String?

        public init(alert: Alert, kind: Kind, severity: Severity? = nil, label: String? = nil, url: String? = nil) {
            self.alert = alert
            self.kind = kind
            self.severity = severity
            self.label = label
            self.url = url
        }
    }

    /// The lines for `items`: incidents first, then firing, then resolved, worst severity first; up to
    /// `maxLines` alert lines, and one summary line for the rest (when more than one is left).
    public static func lines(_ items: [Item], maxLines: Int) -> [String] {
        let sorted = items.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.kind.rank, lhs.element.severity?.rawValue ?? 5, lhs.element.alert.id, lhs.offset)
            let right = (rhs.element.kind.rank, rhs.element.severity?.rawValue ?? 5, rhs.element.alert.id, rhs.offset)
            return left < right
        }.map(\.element)
        let shown = sorted.count <= maxLines + 1 ? sorted.count : max(0, maxLines)
        let lines = sorted.prefix(shown).map(line)
        guard shown < sorted.count else { return lines }
        return lines + [summary(Array(sorted.dropFirst(shown)))]
    }

    /// `alert 17 firing [critical]: High error rate on checkout; /declare from alert 17`.
    public static func line(_ item: Item) -> String {
        let alert = item.alert
        let label = item.label.map { " [\(ChatText.oneLine($0, limit: 20))]" } ?? ""
        let title = ChatText.oneLine(alert.title, limit: 160)
        var line: String
        switch item.kind {
        case .firing(let hint):
            line = "alert \(alert.id) firing\(label): \(title)"
            if hint { line += "; \(command: "declare") from alert \(alert.id)" }
        case .firingAgain:
            line = "alert \(alert.id) firing again\(label): \(title)"
        case .inIncident(let id, let channel):
            line = "alert \(alert.id) firing\(label): \(title) → INC-\(id) (\(ChatText.oneLine(channel, limit: 50)))"
        case .resolved(let incidentID):
            line = "alert \(alert.id) resolved: \(title)" + (incidentID.map { " (INC-\($0))" } ?? "")
        }
        if let url = item.url { line += " \(ChatText.oneLine(url, limit: 200))" }
        return ChatText.oneLine(line, limit: 400)
    }

    /// `…and 12 more firing: alerts 18–29 (HighLatency ×8, DiskFull ×4)`.
    static func summary(_ rest: [Item]) -> String {
        let firing = rest.filter(\.kind.isFiring).count
        let resolved = rest.count - firing
        let what =
            resolved == 0 ? "firing" : firing == 0 ? "resolved" : "(\(firing) firing, \(resolved) resolved)"
        var counts: [(name: String, count: Int)] = []
        for item in rest {
            let name = ChatText.oneLine(item.alert.name, limit: 40)
            if let index = counts.firstIndex(where: { $0.name == name }) {
                counts[index].count += 1
            } else {
                counts.append((name, 1))
            }
        }
        let names = counts.map { $0.count > 1 ? "\($0.name) ×\($0.count)" : $0.name }.joined(separator: ", ")
        let ids = idRanges(rest.map(\.alert.id))
        return ChatText.oneLine("…and \(rest.count) more \(what): alerts \(ids) (\(names))")
    }

    /// `18–25, 27, 29, 30`: runs of three or more consecutive ids as a range, in ascending order.
    static func idRanges(_ ids: [Int64]) -> String {
        var parts: [String] = []
        var run: [Int64] = []
        func flush() {
            if run.count >= 3 {
                parts.append("\(run[0])–\(run[run.count - 1])")
            } else {
                parts += run.map(String.init)
            }
            run = []
        }
        for id in Set(ids).sorted() {
            if let last = run.last, id != last + 1 { flush() }
            run.append(id)
        }
        flush()
        return parts.joined(separator: ", ")
    }
}
