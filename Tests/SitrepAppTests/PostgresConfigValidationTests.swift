import Foundation
import PostgresStore
import Testing

@testable import SitrepApp

/// `store.postgres`: every bad value reported as `store.postgres.key: reason`, and a good one loaded.
@Suite("Validating the PostgreSQL store settings")
struct PostgresConfigValidationTests {
    /// `store: { postgres: { … } }` with `fields`.
    static func postgres(_ name: String, _ fields: String, files: [String: String] = [:], environment: [String: String] = [:], expected: String) -> RuleCase {
        RuleCase(
            name: name, yaml: minimalYAML + "store: { postgres: { \(fields) } }\n", files: files, environment: environment,
            expected: expected)
    }

    static let valid = "hosts: [db1:5432], database: sitrep, user: sitrep"

    static let rules: [RuleCase] = [
        RuleCase(
            name: "only one backend",
            yaml: minimalYAML + "store: { sqlite: { path: s.sqlite }, postgres: { \(valid) } }\n",
            expected: "store: set only one of store.sqlite and store.postgres"),
        postgres("hosts required", "database: sitrep, user: sitrep", expected: "store.postgres.hosts: required but missing"),
        postgres(
            "hosts not empty", "hosts: [], database: sitrep, user: sitrep",
            expected: "store.postgres.hosts: must name at least one host:port"),
        postgres(
            "port in range", "hosts: [\"db1:99999\"], database: sitrep, user: sitrep",
            expected: #"store.postgres.hosts[0]: the port must be between 1 and 65535, got "99999""#),
        postgres(
            "IPv6 in brackets", "hosts: [\"::1:5432\"], database: sitrep, user: sitrep",
            expected: "store.postgres.hosts[0]: write an IPv6 address in brackets, e.g. [::1]:5432"),
        postgres(
            "host not blank", "hosts: [\":5432\"], database: sitrep, user: sitrep",
            expected: #"store.postgres.hosts[0]: must be host:port, e.g. db1.example.org:5432, got ":5432""#),
        postgres("database required", "hosts: [db1], user: sitrep", expected: "store.postgres.database: required but missing"),
        postgres(
            "user fits PostgreSQL's limit", "hosts: [db1], database: sitrep, user: \(String(repeating: "u", count: 64))",
            expected: "store.postgres.user: a PostgreSQL role name has at most 63 bytes, got 64"),
        postgres(
            "password variable set", "\(valid), password_env: SITREP_PG_PASSWORD",
            expected: "store.postgres.password_env: environment variable SITREP_PG_PASSWORD is not set"),
        postgres(
            "one password source", "\(valid), password_env: A, password_file: pw",
            files: ["pw": "secret\n"], environment: ["A": "secret"],
            expected: "store.postgres.password_file: set only one of store.postgres.password_env and store.postgres.password_file"),
        postgres(
            "password file readable", "\(valid), password_file: missing",
            expected: "store.postgres.password_file: cannot read $DIR/missing (no such file)"),
        postgres(
            "ca_file needs TLS", "\(valid), tls: { enabled: false, ca_file: ca.crt }",
            expected: "store.postgres.tls.ca_file: is set but store.postgres.tls.enabled is false"),
        postgres(
            "ca_file is a certificate", "\(valid), tls: { ca_file: ca.txt }", files: ["ca.txt": "hello"],
            expected: "store.postgres.tls.ca_file: $DIR/ca.txt is not a PEM certificate (no BEGIN CERTIFICATE block)"),
        postgres(
            "misspelt tls key", "\(valid), tls: { enable: true }",
            expected: "store.postgres.tls.enable: unknown key; did you mean enabled?"),
    ]

    @Test(arguments: rules)
    func ruleReportsItsKeyAndReason(_ rule: RuleCase) {
        ConfigDirectory.with { directory in
            for (name, contents) in rule.files { directory.write(name, contents) }
            let expected = rule.expected.replacingOccurrences(of: "$DIR", with: directory.path)
            #expect(directory.problems(rule.yaml, environment: rule.environment) == [expected])
        }
    }

    @Test func aFullPostgresStoreLoadsWithItsSecretAndCA() throws {
        try ConfigDirectory.with { directory in
            let ca = directory.write("tls/ca.crt", fakeCertificatePEM)
            let yaml = minimalYAML + """
                store:
                  postgres:
                    hosts: ["db1.example.org", "db2.example.org:5433", "[::1]:6543"]
                    database: incidents
                    user: sitrep
                    password_env: SITREP_PG_PASSWORD
                    tls: { ca_file: tls/ca.crt }

                """
            let config = try directory.load(yaml, environment: ["SITREP_PG_PASSWORD": "s3cret"])
            let postgres = try #require(config.store.postgres)
            #expect(postgres.hosts == [.init(host: "db1.example.org"), .init(host: "db2.example.org", port: 5433), .init(host: "::1", port: 6543)])
            #expect(postgres.database == "incidents" && postgres.user == "sitrep")
            #expect(postgres.password?.reveal() == "s3cret")
            #expect(postgres.tls == .init(enabled: true, caFile: ca, insecure: false))
            let store = PostgresStoreConfiguration(postgres)
            #expect(store.tls == .verified(caFile: ca))
            #expect(store.hosts.map(\.description) == ["db1.example.org:5432", "db2.example.org:5433", "[::1]:6543"])
            let summary = ConfigCheck.summary(of: config).joined(separator: "\n")
            #expect(summary.contains("store:    postgres incidents as sitrep on db1.example.org:5432"))
            #expect(!summary.contains("s3cret"))
        }
    }

    @Test func withoutAStoreSectionSQLiteStaysTheDefault() throws {
        try ConfigDirectory.with { directory in
            let config = try directory.load(minimalYAML)
            #expect(config.store.postgres == nil)
            #expect(config.store.sqlitePath == directory.path + "/sitrep.sqlite")
        }
    }
}
