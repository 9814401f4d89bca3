import SitrepApp
import SitrepCore
import Testing

/// A deployment on Matrix alone: `irc:` may be left out when `matrix:` is there, `check-config` says IRC is off,
/// and a file with neither network says what to add.
@Suite("Matrix-only config")
struct MatrixOnlyConfigTests {
    @Test func matrixWithoutIRCLoadsWithIRCOff() throws {
        let config = try ConfigDirectory.with {
            try $0.load(MatrixConfigTests.matrixYAML, environment: ["SITREP_MATRIX_PASSWORD": "hunter2"])
        }
        #expect(config.irc == nil)
        #expect(config.matrix?.userID == "@sitrep:example.org")
        let summary = ConfigCheck.summary(of: config)
        #expect(summary.contains("  irc:      off (Matrix only)"))
        #expect(summary.contains { $0.hasPrefix("  matrix:   @sitrep:example.org on https://matrix.example.org (TLS)") })
        #expect(!summary.contains { $0.contains("hunter2") })
    }

    @Test func neitherNetworkIsAnErrorNamingBoth() {
        let lines = ConfigDirectory.with { $0.problems("logging:\n  level: info\n") }
        #expect(lines.count == 1, "\(lines)")
        #expect(lines.first?.hasPrefix("irc: required but missing") == true)
        #expect(lines.first?.contains("matrix:") == true)
    }

    @Test func anUnverifiedHomeserverCertificateIsAWarning() throws {
        let config = try ConfigDirectory.with {
            try $0.load(MatrixConfigTests.matrixYAML + "  tls:\n    insecure: true\n", environment: ["SITREP_MATRIX_PASSWORD": "x"])
        }
        #expect(config.warnings.map(\.keyPath) == ["matrix.tls.insecure"])
    }
}

extension MatrixOnlyConfigTests {
    /// `deploy/local/sitrep.matrix.yaml` (`quickstart.sh --matrix`) as shipped: Matrix alone, its own store, the
    /// Matrix people and a demo escalation that pages a Matrix user.
    @Test func matrixQuickStartConfigRunsOnMatrixAlone() throws {
        let yaml = try String(contentsOfFile: repositoryRoot + "/deploy/local/sitrep.matrix.yaml", encoding: .utf8)
        try ConfigDirectory.with { directory in
            let configPath = directory.write("deploy/local/sitrep.matrix.yaml", yaml)
            directory.write(".local/synapse/tls/ca.crt", fakeCertificatePEM)
            directory.write(".local/web-token", "0123456789abcdef0123456789abcdef\n")
            directory.write(".local/matrix-encryption-key", String(repeating: "ab", count: 32) + "\n")
            let config = try SitrepConfig.load(
                path: configPath, environment: ["SITREP_MATRIX_PASSWORD": "correct-horse"])
            #expect(config.irc == nil)
            #expect(config.matrix?.encryptionKey != nil, "the quick start reads encrypted rooms")
            #expect(config.matrix?.homeserver == "https://127.0.0.1:8448")
            #expect(config.matrix?.caFile == directory.path + "/.local/synapse/tls/ca.crt")
            #expect(config.store.sqlitePath == directory.path + "/.local/sitrep-matrix.sqlite")
            #expect(config.people.commanders == [.account("@alice:localhost", network: "matrix")])
            let tiers = try #require(config.escalation.policies["default"]?.tiers)
            #expect(tiers.first?.notify == [.person(.account("@bob:localhost", network: "matrix"))])
            #expect(config.warnings.isEmpty)
        }
    }

    /// `deploy/local/sitrep.both.yaml` (`quickstart.sh --both`): one bot on the IRC servers and Synapse.
    @Test func bothNetworksQuickStartConfigHasIRCAndMatrix() throws {
        let yaml = try String(contentsOfFile: repositoryRoot + "/deploy/local/sitrep.both.yaml", encoding: .utf8)
        try ConfigDirectory.with { directory in
            let configPath = directory.write("deploy/local/sitrep.both.yaml", yaml)
            directory.write(".local/irc/tls/ca.crt", fakeCertificatePEM)
            directory.write(".local/irc/bot-password", "local-password\n")
            directory.write(".local/synapse/tls/ca.crt", fakeCertificatePEM)
            directory.write(".local/web-token", "0123456789abcdef0123456789abcdef\n")
            directory.write(".local/matrix-encryption-key", String(repeating: "ab", count: 32) + "\n")
            let config = try SitrepConfig.load(path: configPath, environment: ["SITREP_MATRIX_PASSWORD": "x"])
            #expect(config.irc?.host == "127.0.0.1")
            #expect(config.matrix?.userID == "@sitrep:localhost")
        }
    }

    @Test func escalationTiersTakeMatrixUserIDs() throws {
        let config = try ConfigDirectory.with {
            try $0.load(
                MatrixConfigTests.matrixYAML + """
                    escalation:
                      teams:
                        dba: ["@dave:example.org"]
                      policies:
                        default:
                          tiers:
                            - notify: ["@bob:example.org", "team:dba"]
                              after: 2m

                    """, environment: ["SITREP_MATRIX_PASSWORD": "x"])
        }
        let tier = try #require(config.escalation.policies["default"]?.tiers.first)
        #expect(tier.notify == [.person(.account("@bob:example.org", network: "matrix")), .team("dba")])
    }
}
