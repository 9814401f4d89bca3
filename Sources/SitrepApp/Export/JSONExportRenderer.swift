import Foundation
import SitrepCore

/// `IncidentExport` as JSON (sorted keys), written in pieces: the header fields, then each page of entries
/// encoded as one array whose brackets are dropped, so the whole transcript is never one `Data`.
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
        let array = try json(page.map(IncidentExport.Entry.init))
        try sink.write((wroteEntry ? ",\n" : "\n") + array.dropFirst().dropLast())
        wroteEntry = true
    }

    mutating func end(to sink: inout some ExportSink) throws {
        try sink.write("\n]}\n")
    }

    private func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
