import Logging

/// A swift-log handler that keeps every record in memory, so tests can assert on (and await) what an operator
/// would read in the log.
struct RecordingLogHandler: LogHandler {
    /// The log lines of one test, as rendered text, awaitable through `mailbox`.
    final class Records: Sendable {
        let mailbox = Mailbox<String>(name: "log lines")
        private let all = Mailbox<String>(name: "log history")

        var lines: [String] { all.delivered }

        func append(_ line: String) {
            mailbox.deliver(line)
            all.deliver(line)
        }

        func contains(_ fragment: String) -> Bool {
            lines.contains { $0.contains(fragment) }
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
