import SitrepCore

/// Plain text: `key: value` header lines, a blank line, then one line per entry:
/// `2026-11-22T18:00:01.000Z #57 message <alice> the text`, with ` [detail]` and ` (key event)` when present.
/// Line breaks inside a field are written as `\n` so each entry stays on one line.
struct TextExportRenderer: ExportRenderer {
    mutating func begin(_ header: ExportHeader, to sink: inout some ExportSink) throws {
        var lines = ["INC-\(header.incident.id): \(Self.oneLine(header.incident.title))"]
        lines += IncidentFacts(header.incident).rows.map { "\($0.name): \(Self.oneLine($0.value))" }
        for followUp in header.followUps {
            lines.append("follow-up #\(followUp.id) [\(followUp.state.rawValue)]: \(Self.oneLine(followUp.text))")
        }
        lines.append("chain: \(ChainSummary.line(header.chain))")
        try sink.write(lines.joined(separator: "\n") + "\n\n")
    }

    mutating func entries(_ page: [ChainedEntry], to sink: inout some ExportSink) throws {
        var chunk = ""
        chunk.reserveCapacity(page.count * 120)
        for chained in page {
            let entry = chained.entry
            chunk += "\(entry.time) #\(entry.sequence) \(entry.kind.rawValue) <\(Self.oneLine(entry.author))> "
            chunk += Self.oneLine(entry.text)
            if let detail = entry.detail?.encoded { chunk += " [\(Self.oneLine(detail))]" }
            if entry.isKeyEvent { chunk += " (key event)" }
            chunk += "\n"
        }
        try sink.write(chunk)
    }

    mutating func end(to sink: inout some ExportSink) throws {}

    /// `text` with CR and LF written as `\r` and `\n`.
    static func oneLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return text }
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
