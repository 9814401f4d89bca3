import Logging
import NIOConcurrencyHelpers

/// A swift-log handler that keeps every record in memory, so tests can assert on what an operator would read.
struct RecordingLogHandler: LogHandler {
    /// The shared record of one test's log lines.
    final class Records: Sendable {
        private let lines = NIOLockedValueBox<[String]>([])

        var all: [String] { lines.withLockedValue { $0 } }

        func append(_ line: String) {
            lines.withLockedValue { $0.append(line) }
        }

        func contains(_ fragment: String) -> Bool {
            all.contains { $0.contains(fragment) }
        }
    }

    let records: Records
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        records.append("\(event.level) \(event.message) \(rendered)")
    }

    /// A logger writing into fresh records.
    static func logger(label: String = "test") -> (Logger, Records) {
        let records = Records()
        let logger = Logger(label: label) { _ in RecordingLogHandler(records: records) }
        return (logger, records)
    }
}
