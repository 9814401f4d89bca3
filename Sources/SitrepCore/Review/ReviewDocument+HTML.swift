extension ReviewDocument {
    /// The review as a standalone HTML page (UTF-8, no scripts, no external resources).
    public func html() -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(HTMLEscaping.escape(heading))</title>
        </head>
        <body>
        \(htmlArticle())</body>
        </html>

        """
    }

    /// The review as an `<article>` element, for embedding in a page. Every string is escaped.
    public func htmlArticle() -> String {
        var out = "<article class=\"sitrep-review\">\n<h1>\(HTMLEscaping.escape(heading))</h1>\n"
        for section in sections {
            out += "<section>\n<h2>\(HTMLEscaping.escape(section.title))</h2>\n"
            for block in section.blocks { HTMLText.write(block, to: &out) }
            out += "</section>\n"
        }
        return out + "</article>\n"
    }
}

/// HTML rendering of review blocks.
enum HTMLText {
    static func write(_ block: ReviewSection.Block, to out: inout String) {
        switch block {
        case .paragraph(let text):
            out += "<p>\(escape(text))</p>\n"
        case .list(let items):
            out += "<ul>\n"
            for item in items { out += "<li>\(escape(item))</li>\n" }
            out += "</ul>\n"
        case .fields(let fields):
            out += "<dl>\n"
            for field in fields { out += "<dt>\(escape(field.label))</dt><dd>\(escape(field.value))</dd>\n" }
            out += "</dl>\n"
        case .table(let header, let rows):
            out += "<table>\n<thead><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for cells in rows { out += "<tr>" + cells.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }
            out += "</tbody>\n</table>\n"
        }
    }

    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
