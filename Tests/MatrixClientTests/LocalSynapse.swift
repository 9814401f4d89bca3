import Foundation
import Testing

/// The Synapse started by `deploy/local/synapse.sh up`, as the Matrix client tests see it.
///
/// Read from the process environment (CI exports `.local/synapse/env`), else from `<package root>/.local/synapse/env`.
/// Put `.enabled(if: LocalSynapse.shouldRun)` on a suite and call `LocalSynapse.require()` in each test: without
/// a server the tests are skipped, loudly, on a developer machine, and fail when `CI=true`.
struct LocalSynapse: Sendable {
    var url: String
    var plainURL: String
    var caFile: String
    var serverName: String
    var botUser: String
    var users: [String]
    var password: String
    /// The Python of the encrypting human client's venv (`SITREP_MATRIX_HUMAN_PYTHON`; the encrypting profile only).
    var humanPython: String?

    func userID(_ localpart: String) -> String { "@\(localpart):\(serverName)" }

    /// Why the server cannot be used, with what to do about it.
    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var server = "THE LOCAL SYNAPSE"
        var start = "`deploy/local/synapse.sh up` (writes .local/synapse/env)"
        var description: String {
            """
            MATRIX CLIENT TESTS NEED \(server): \(reason)
            Start it with \(start), then run the tests again.
            """
        }
    }

    static let current: Result<LocalSynapse, Unavailable> = {
        let result = Result { try load() }.mapError { $0 as? Unavailable ?? Unavailable(reason: "\($0)") }
        if case .failure(let error) = result {
            let verdict = isCI ? "CI=true, so these tests FAIL" : "Matrix client tests are SKIPPED"
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

    static func require() throws -> LocalSynapse {
        try current.get()
    }

    private static func load() throws -> LocalSynapse {
        var values = ProcessInfo.processInfo.environment
        if values["SITREP_MATRIX_URL"] == nil {
            do {
                values.merge(try envFile(".local/synapse/env")) { _, fromFile in fromFile }
            } catch let error as Unavailable {
                throw Unavailable(reason: "SITREP_MATRIX_URL is not set and \(error.reason)")
            }
        }
        return try LocalSynapse(values: values)
    }

    /// The KEY=value lines of `relativePath` under the package root (what `deploy/local/synapse.sh up` writes).
    static func envFile(_ relativePath: String) throws -> [String: String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = relativePath.hasPrefix("/") ? relativePath : root.appendingPathComponent(relativePath).path
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Unavailable(reason: "\(file) does not exist")
        }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let value = line[line.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            values[String(line[..<equals])] = value
        }
        return values
    }
}

extension LocalSynapse {
    /// The server the `SITREP_MATRIX_*` values describe.
    init(values: [String: String]) throws {
        func value(_ key: String) throws -> String {
            guard let value = values[key], !value.isEmpty else { throw Unavailable(reason: "\(key) is not set") }
            return value
        }
        self.init(
            url: try value("SITREP_MATRIX_URL"), plainURL: try value("SITREP_MATRIX_PLAIN_URL"),
            caFile: try value("SITREP_MATRIX_CA"), serverName: try value("SITREP_MATRIX_SERVER_NAME"),
            botUser: try value("SITREP_MATRIX_BOT_USER"),
            users: try value("SITREP_MATRIX_USERS").split(separator: " ").map(String.init),
            password: try value("SITREP_MATRIX_PASSWORD"), humanPython: values["SITREP_MATRIX_HUMAN_PYTHON"])
    }
}
