/// The formats of `sitrep export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// `IncidentExport` as JSON: everything, machine-readable, each entry with its hash.
    case json
    /// A Markdown document: the incident facts, follow-ups, chain head, then the transcript as a list.
    case markdown
    /// Plain text: a short header, then one line per entry.
    case text
}

/// Where an export is written, piece by piece, so a long transcript is never held as one string.
public protocol ExportSink {
    mutating func write(_ text: String) throws
}

/// Collects an export in memory (tests, small exports).
public struct StringExportSink: ExportSink {
    public var text = ""

    public init() {}

    public mutating func write(_ text: String) throws {
        self.text += text
    }
}
