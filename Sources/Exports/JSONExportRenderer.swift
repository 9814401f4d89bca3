import Foundation
import SitrepCore

/// `IncidentExport` as JSON (sorted keys), written in pieces: the header fields through `JSONEncoder`, then
/// the entries page by page, one per line (`IncidentExport.Entry.appendJSON`), so the transcript is never
/// held whole.
struct JSONExportRenderer: ExportRenderer {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
    private var wroteEntry = false

    mutating func begin(_ header: ExportHeader, to sink: inout some ExportSink) throws {
        try sink.write("{\"chain\":\(try json(header.chain)),")
        try sink.write("\"follow_ups\":\(try json(header.followUps)),")
        try sink.write("\"format\":\(try json(IncidentExport.currentFormat)),")
        try sink.write("\"incident\":\(try json(header.incident)),")
        try sink.write("\"entries\":[")
    }

    mutating func entries(_ page: [ChainedEntry], to sink: inout some ExportSink) throws {
        guard !page.isEmpty else { return }
        var chunk = ""
        chunk.reserveCapacity(page.count * 320)
        for chained in page {
            chunk += wroteEntry ? ",\n" : "\n"
            IncidentExport.Entry(chained).appendJSON(to: &chunk)
            wroteEntry = true
        }
        try sink.write(chunk)
    }

    mutating func end(to sink: inout some ExportSink) throws {
        try sink.write("\n]}\n")
    }

    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
