import Foundation

/// The local mail sink (`deploy/local/mail-sink.sh`, aiosmtpd) as the end-to-end tests use it: where to send,
/// with what credentials, and the folder where each accepted message lands as an `.eml` file. Read from the
/// `MAIL_SINK_*` environment or `.local/mail/env`.
struct MailSinkForTests: Sendable {
    var host: String
    var startTLSPort: Int
    var caFile: String
    var user: String
    var password: String
    var mailDirectory: String

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func require() throws -> MailSinkForTests {
        var values = ProcessInfo.processInfo.environment
        if values["MAIL_SINK_PORT"] == nil {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
            let file = root.appendingPathComponent(".local/mail/env").path
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Unavailable(description: "the mail sink is not running: start it with deploy/local/mail-sink.sh up")
            }
            for line in text.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        func value(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else { throw Unavailable(description: "\(key) is not set") }
            return value
        }
        guard let port = Int(try value("MAIL_SINK_PORT")) else { throw Unavailable(description: "MAIL_SINK_PORT") }
        return MailSinkForTests(
            host: try value("MAIL_SINK_HOST"), startTLSPort: port, caFile: try value("MAIL_SINK_CA"),
            user: try value("MAIL_SINK_USER"), password: try value("MAIL_SINK_PASSWORD"),
            mailDirectory: try value("MAIL_SINK_DIR"))
    }

    /// The stored messages to `address`, waiting up to `timeout` for at least one.
    func messages(to address: String, timeout: Duration) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: mailDirectory)) ?? []
            let found = names.filter { $0.hasSuffix(".eml") }.compactMap {
                try? String(contentsOfFile: mailDirectory + "/" + $0, encoding: .utf8)
            }.filter { $0.contains("\r\nTo: \(address)\r\n") || $0.contains("\r\nTo: <\(address)>\r\n") }
            if !found.isEmpty { return found }
            guard ContinuousClock.now < deadline else { return [] }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
