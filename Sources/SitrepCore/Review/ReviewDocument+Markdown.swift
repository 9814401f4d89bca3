extension ReviewDocument {
    /// The review as Markdown (CommonMark with GFM tables).
    ///
    /// User text is put on one line (line breaks become spaces, control characters are dropped) and `<` is
    /// backslash-escaped so a Markdown renderer never sees raw HTML; `|` is escaped inside tables.
    public func markdown() -> String {
        var out = "# \(MarkdownText.inline(heading))\n"
        for section in sections {
            out += "\n## \(section.title)\n"
            for block in section.blocks {
                out += "\n"
                MarkdownText.write(block, to: &out)
            }
        }
        return out
    }
}

/// Markdown rendering of review blocks and text.
enum MarkdownText {
    static func write(_ block: ReviewSection.Block, to out: inout String) {
        switch block {
        case .paragraph(let text):
            out += inline(text) + "\n"
        case .list(let items):
            for item in items { out += "- \(inline(item))\n" }
        case .fields(let fields):
            for field in fields { out += "- **\(field.label):** \(inline(field.value))\n" }
        case .table(let header, let rows):
            out += row(header)
            out += "|" + String(repeating: " --- |", count: header.count) + "\n"
            for cells in rows { out += row(cells) }
        }
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map { cell(inline($0)) }.joined(separator: " | ") + " |\n"
    }

    private static func cell(_ text: String) -> String {
        guard text.contains("|") else { return text }
        var out = ""
        for character in text { out += character == "|" ? "\\|" : String(character) }
        return out
    }

    /// `text` on one line with `<` escaped (no HTML tag or autolink can start without it).
    static func inline(_ text: String) -> String {
        let line = ChatText.oneLine(text, limit: Int.max)
        guard line.contains("<") else { return line }
        var out = ""
        for character in line { out += character == "<" ? "\\<" : String(character) }
        return out
    }
}
