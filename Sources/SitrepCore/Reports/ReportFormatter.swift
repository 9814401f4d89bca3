/// Renders an `IncidentReport` as plain text (the CLI), CSV (`section,key,metric,value` rows) or 2–3 chat
/// lines (`/stats`). JSON is the report's `Codable` form, encoded by the CLI.
public enum ReportFormatter {
    public static func text(_ report: IncidentReport) -> String {
        var lines = [
            "sitrep report \(report.from) – \(report.to)",
            "incidents: \(report.total), \(report.open) of them still open; \(report.cancelled) cancelled"
                + " (declared by mistake: left out of every figure)",
            "by severity: \(list(report.bySeverity))",
            "by category: \(list(report.byCategory))",
            "by service: \(list(report.byService))",
            "time to acknowledge: \(report.timeToAcknowledge?.summary ?? "no acknowledged incidents")",
            "time to resolve: \(report.timeToResolve?.summary ?? "no resolved incidents")",
        ]
        lines.append("SLA adherence:" + (report.sla.isEmpty ? " no incidents with a priority and a target" : ""))
        for row in report.sla { lines.append("  " + sla(row)) }
        lines.append("recurring:" + (report.recurring.isEmpty ? " none" : ""))
        for group in report.recurring.prefix(20) { lines.append("  " + recurring(group)) }
        lines.append("busiest responders:" + (report.responders.isEmpty ? " none" : ""))
        for person in report.responders.prefix(10) {
            lines.append("  \(person.nick): \(person.total) (acks \(person.acks), leads \(person.leads), notes \(person.notes))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func csv(_ report: IncidentReport) -> String {
        var rows = [["section", "key", "metric", "value"]]
        rows.append(["period", "", "from", report.from])
        rows.append(["period", "", "to", report.to])
        rows.append(["incidents", "", "total", "\(report.total)"])
        rows.append(["incidents", "", "open", "\(report.open)"])
        rows.append(["incidents", "", "cancelled", "\(report.cancelled)"])
        for (section, counts) in [("severity", report.bySeverity), ("category", report.byCategory), ("service", report.byService)] {
            for count in counts { rows.append([section, count.key, "count", "\(count.count)"]) }
        }
        for (name, stats) in [("time_to_acknowledge", report.timeToAcknowledge), ("time_to_resolve", report.timeToResolve)] {
            guard let stats else { continue }
            rows += [
                [name, "", "count", "\(stats.count)"], [name, "", "mean_ms", "\(stats.meanMs)"],
                [name, "", "median_ms", "\(stats.medianMs)"], [name, "", "p90_ms", "\(stats.p90Ms)"],
            ]
        }
        for row in report.sla {
            rows += [
                ["sla", row.priority, "response_met", "\(row.responseMet)"],
                ["sla", row.priority, "response_breached", "\(row.responseBreached)"],
                ["sla", row.priority, "response_pending", "\(row.responsePending)"],
                ["sla", row.priority, "resolution_met", "\(row.resolutionMet)"],
                ["sla", row.priority, "resolution_breached", "\(row.resolutionBreached)"],
                ["sla", row.priority, "resolution_pending", "\(row.resolutionPending)"],
            ]
        }
        for group in report.recurring {
            rows.append(["recurring_\(group.kind.rawValue)", group.key, "incidents", group.incidentIDs.map(String.init).joined(separator: " ")])
        }
        for person in report.responders {
            rows += [
                ["responder", person.nick, "acks", "\(person.acks)"], ["responder", person.nick, "leads", "\(person.leads)"],
                ["responder", person.nick, "notes", "\(person.notes)"],
            ]
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `/stats`: counts, times, then SLA/recurring/busiest when there is something to say.
    public static func chatLines(_ report: IncidentReport, period: String) -> [String] {
        guard report.total > 0 else {
            return ["last \(period): no incidents (\(report.cancelled) cancelled)"]
        }
        var first = "last \(period): \(report.total) incident\(report.total == 1 ? "" : "s") (\(list(report.bySeverity)))"
        first += ", \(report.open) open"
        if let top = report.byCategory.first { first += " · top category: \(top.key) (\(top.count))" }
        if let top = report.byService.first { first += " · top service: \(top.key) (\(top.count))" }
        let times =
            "time to ack: \(report.timeToAcknowledge?.summary ?? "none acknowledged") · "
            + "time to resolve: \(report.timeToResolve?.summary ?? "none resolved")"
        var extra: [String] = []
        if !report.sla.isEmpty { extra.append("SLA " + report.sla.map(sla).joined(separator: "; ")) }
        if let group = report.recurring.first { extra.append("recurring: " + recurring(group)) }
        if !report.responders.isEmpty {
            extra.append("busiest: " + report.responders.prefix(3).map { "\($0.nick) (\($0.total))" }.joined(separator: ", "))
        }
        return ([first, times] + (extra.isEmpty ? [] : [extra.joined(separator: " · ")]))
            .map { ChatText.oneLine($0, limit: 420) }
    }

    private static func list(_ counts: [IncidentReport.Count]) -> String {
        counts.isEmpty ? "none" : counts.map { "\($0.key) \($0.count)" }.joined(separator: ", ")
    }

    /// `P1 response 2/3 met (67%), resolution 1/2 met (50%), 1 pending`.
    static func sla(_ row: IncidentReport.SLAAdherence) -> String {
        func part(_ name: String, _ met: Int, _ breached: Int, _ percent: Double?) -> String {
            "\(name) \(met)/\(met + breached) met" + (percent.map { " (\(Int(($0).rounded()))%)" } ?? "")
        }
        let pending = row.responsePending + row.resolutionPending
        return "\(row.priority) " + part("response", row.responseMet, row.responseBreached, row.responsePercent)
            + ", " + part("resolution", row.resolutionMet, row.resolutionBreached, row.resolutionPercent)
            + (pending > 0 ? ", \(pending) pending" : "")
    }

    static func recurring(_ group: IncidentReport.RecurringGroup) -> String {
        let ids = group.incidentIDs.prefix(8).map { "INC-\($0)" }.joined(separator: ", ")
        let more = group.incidentIDs.count > 8 ? ", …" : ""
        return "\(group.kind.rawValue) \(group.key) ×\(group.incidentIDs.count) (\(ids)\(more))"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + Substring(value).replacingAll("\"", with: "\"\"") + "\""
    }
}
