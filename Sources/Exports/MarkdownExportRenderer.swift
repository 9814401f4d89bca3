import SitrepCore

/// Markdown: a title and the incident facts as a list, the follow-ups as a task list, the chain, then the
/// transcript as a list under one heading per UTC day: `- 12:00:01 \<alice\> text`.
///
/// Text is escaped so it shows as typed: Markdown punctuation gets a backslash (so `<alice>` is not taken for
/// HTML), line breaks inside an entry become `<br>` (a CR is dropped).
struct MarkdownExportRenderer: ExportRenderer {
    private var day: (Int, Int, Int)?

    mutating func begin(_ header: ExportHeader, to sink: inout some ExportSink) throws {
        let incident = header.incident
        var lines = ["# INC-\(incident.id): \(Self.escape(incident.title))", ""]
        lines += IncidentFacts(incident).rows.map { "- **\($0.name):** \(Self.escape($0.value))" }
        lines += ["", "## Follow-ups", ""]
        if header.followUps.isEmpty { lines.append("None.") }
        for followUp in header.followUps {
            let box = followUp.state == .done ? "[x]" : "[ ]"
            let owner = followUp.owner.map { ", owner \(Self.escape($0))" } ?? ""
            let done = followUp.doneAt.map { ", done \($0)" } ?? ""
            lines.append(
                "- \(box) #\(followUp.id) \(Self.escape(followUp.text))\(owner) "
                    + "(by \(Self.escape(followUp.createdBy.nick)) \(followUp.createdAt)\(done))")
        }
        lines += [
            "", "## Chain", "",
            "- **verification:** \(Self.escape(ChainSummary.line(header.chain.verification)))",
            "- **recorded head:** entry \(header.chain.head.sequence), `\(header.chain.head.hash)`",
            "- **encoding:** \(header.chain.encoding)",
            "", "## Transcript", "",
            "Times are UTC.",
        ]
        try sink.write(lines.joined(separator: "\n") + "\n")
    }

    mutating func entries(_ page: [ChainedEntry], to sink: inout some ExportSink) throws {
        var chunk = ""
        chunk.reserveCapacity(page.count * 120)
        for chained in page {
            let entry = chained.entry
            let civil = CivilTime(entry.time)
            if day == nil || day! != (civil.year, civil.month, civil.day) {
                day = (civil.year, civil.month, civil.day)
                chunk += "\n### \(String(civil.iso8601.prefix(10)))\n\n"
            }
            chunk += "- \(civil.clock) \(Self.line(entry))\n"
        }
        try sink.write(chunk)
    }

    mutating func end(to sink: inout some ExportSink) throws {}

    /// The entry after its time: `\<alice\> text`, `\* alice waves`, or `[lifecycle] sitrep: text (detail)`.
    private static func line(_ entry: TimelineEntry) -> String {
        let author = escape(entry.author)
        var line: String
        switch entry.kind {
        case .message: line = "\\<\(author)\\> \(escape(entry.text))"
        case .action: line = "\\* \(author) \(escape(entry.text))"
        case .notice: line = "-\(author)- \(escape(entry.text))"
        default: line = "\\[\(entry.kind.rawValue)\\] \(author.isEmpty ? "" : author + ": ")\(escape(entry.text))"
        }
        if let detail = entry.detail?.encoded, !detail.isEmpty { line += " (\(escape(detail)))" }
        if entry.isKeyEvent { line += " **key event**" }
        return line
    }

    /// `text` with Markdown punctuation backslash-escaped and line breaks as `<br>`.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { Self.special.contains($0) }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "<br>"
            case "\r": continue
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~", "&":
                result += "\\"
                result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static let special: Set<UInt8> = Set("\\`*_[]<>#|~&\n\r".utf8)
}
