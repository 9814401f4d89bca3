import Foundation
import Testing

@testable import SitrepApp

/// A fresh temporary directory holding a config file and whatever files it names; removed afterwards.
struct ConfigDirectory {
    let path: String

    /// Runs `body` with a new directory and deletes it afterwards.
    @discardableResult
    static func with<T>(_ body: (ConfigDirectory) throws -> T) rethrows -> T {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitrep-config-tests-\(UUID().uuidString)").standardizedFileURL.path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(ConfigDirectory(path: path))
    }

    /// Writes `contents` to `name` (which may contain subdirectories) and returns its absolute path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String {
        let file = path + "/" + name
        let directory = (file as NSString).deletingLastPathComponent
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try! contents.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Writes `yaml` as `sitrep.yaml` and loads it.
    func load(_ yaml: String, environment: [String: String] = [:]) throws(ConfigError) -> SitrepConfig {
        try SitrepConfig.load(path: write("sitrep.yaml", yaml), environment: environment)
    }

    /// The lines of the error loading `yaml` produces, or `[]` if it loads.
    func problems(_ yaml: String, environment: [String: String] = [:]) -> [String] {
        do throws(ConfigError) {
            _ = try load(yaml, environment: environment)
            return []
        } catch {
            return error.lines
        }
    }
}

/// The smallest valid config.
let minimalYAML = """
    irc:
      host: irc.example.org
      nick: sitrep

    """

/// A PEM-shaped certificate; the loader checks only the armour, not the contents.
let fakeCertificatePEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
let fakeKeyPEM = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n"

/// The repository checkout, for tests of the files under `deploy/`.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
