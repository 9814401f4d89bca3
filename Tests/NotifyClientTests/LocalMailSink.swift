import Foundation
import Testing

/// The mail sink started by `deploy/local/mail-sink.sh up`, as the SMTP client tests see it.
///
/// Read from the process environment (CI exports `.local/mail/env`), else from `<package root>/.local/mail/env`.
/// Put `.enabled(if: LocalMailSink.shouldRun)` on a suite and call `LocalMailSink.require()` in each test: without
/// a sink the tests are skipped, loudly, on a developer machine, and fail when `CI=true`.
struct LocalMailSink: Sendable {
    var host: String
    var startTLSPort: Int
    var implicitTLSPort: Int
    var caFile: String
    var user: String
    var password: String
    var mailDirectory: String

    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String {
            """
            SMTP CLIENT TESTS NEED THE LOCAL MAIL SINK: \(reason)
            Start it with `deploy/local/mail-sink.sh up` (writes .local/mail/env), then run the tests again.
            """
        }
    }

    static let current: Result<LocalMailSink, Unavailable> = {
        let result = Result { try load() }.mapError { $0 as? Unavailable ?? Unavailable(reason: "\($0)") }
        if case .failure(let error) = result {
            let verdict = isCI ? "CI=true, so these tests FAIL" : "SMTP client tests are SKIPPED"
            FileHandle.standardError.write(Data("\n*** \(error.description)\n*** \(verdict).\n\n".utf8))
        }
        return result
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    static var shouldRun: Bool {
        if isCI { return true }
        if case .success = current { return true }
        return false
    }

    static func require() throws -> LocalMailSink { try current.get() }

    /// The message whose `Message-ID` is `messageID`, as the sink stored it (the sink writes it before it answers
    /// 250, so it is there once `send` returned).
    func storedMessage(withMessageID messageID: String) throws -> String? {
        let names = try FileManager.default.contentsOfDirectory(atPath: mailDirectory).filter { $0.hasSuffix(".eml") }
        for name in names {
            let text = try String(contentsOfFile: mailDirectory + "/" + name, encoding: .utf8)
            if text.contains("\r\nMessage-ID: \(messageID)\r\n") { return text }
        }
        return nil
    }

    private static func load() throws -> LocalMailSink {
        var values = ProcessInfo.processInfo.environment
        if values["MAIL_SINK_PORT"] == nil {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let file = root.appendingPathComponent(".local/mail/env").path
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw Unavailable(reason: "MAIL_SINK_PORT is not set and \(file) does not exist")
            }
            for line in text.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        func value(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else { throw Unavailable(reason: "\(key) is not set") }
            return value
        }
        guard let startTLS = Int(try value("MAIL_SINK_PORT")), let implicit = Int(try value("MAIL_SINK_TLS_PORT"))
        else {
            throw Unavailable(reason: "MAIL_SINK_PORT or MAIL_SINK_TLS_PORT is not a number")
        }
        return LocalMailSink(
            host: try value("MAIL_SINK_HOST"), startTLSPort: startTLS, implicitTLSPort: implicit,
            caFile: try value("MAIL_SINK_CA"), user: try value("MAIL_SINK_USER"),
            password: try value("MAIL_SINK_PASSWORD"), mailDirectory: try value("MAIL_SINK_DIR"))
    }
}
