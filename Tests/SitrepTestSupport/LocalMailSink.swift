import Foundation
import Testing

/// The mail sink of `deploy/local/mail-sink.sh up` (aiosmtpd; `MAIL_SINK_*`, from the environment or
/// `.local/mail/env`): where to send, with what credentials, and the folder where each accepted message lands as
/// an `.eml` file.
public struct LocalMailSink: LocalServerHelper {
    public var host: String
    /// Plain SMTP that offers STARTTLS.
    public var startTLSPort: Int
    /// SMTP over TLS from the first byte.
    public var implicitTLSPort: Int
    public var caFile: String
    public var user: String
    public var password: String
    public var mailDirectory: String

    /// From the values of an env file of `deploy/local/mail-sink.sh`.
    public init(_ settings: LocalServerSettings) throws(LocalServerUnavailable) {
        host = try settings.string("MAIL_SINK_HOST")
        startTLSPort = try settings.port("MAIL_SINK_PORT")
        implicitTLSPort = try settings.port("MAIL_SINK_TLS_PORT")
        caFile = try settings.string("MAIL_SINK_CA")
        user = try settings.string("MAIL_SINK_USER")
        password = try settings.string("MAIL_SINK_PASSWORD")
        mailDirectory = try settings.string("MAIL_SINK_DIR")
    }

    /// The sink, loaded once per test process.
    public static let availability = LocalServerAvailability(.mailSink) { () throws(LocalServerUnavailable) in
        try LocalMailSink(LocalServer.mailSink.settings())
    }

    /// The message whose `Message-ID` is `messageID`, as the sink stored it (the sink writes it before it answers
    /// 250, so it is there once `send` returned).
    public func storedMessage(withMessageID messageID: String) throws -> String? {
        let names = try FileManager.default.contentsOfDirectory(atPath: mailDirectory).filter { $0.hasSuffix(".eml") }
        for name in names {
            let text = try String(contentsOfFile: mailDirectory + "/" + name, encoding: .utf8)
            if text.contains("\r\nMessage-ID: \(messageID)\r\n") { return text }
        }
        return nil
    }

    /// The stored messages to `address`, waiting up to `timeout` for at least one.
    public func messages(to address: String, timeout: Duration) async throws -> [String] {
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
