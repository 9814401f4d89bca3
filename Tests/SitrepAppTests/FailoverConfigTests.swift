import Foundation
import SitrepCore
import Testing

@testable import SitrepApp

/// The `failover:` section: off when absent (a single instance is always active), the instance name and the
/// lease's lifetime checked and reported as `failover.key: reason`.
@Suite("Failover config")
struct FailoverConfigTests {
    @Test func absentSectionMeansASingleAlwaysActiveInstance() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(config.failover == nil)
    }

    @Test func theLeaseLastsSixSecondsByDefaultAndTheInstanceIsNamedByTheConfigTheEnvironmentOrTheHost() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "failover:\n  instance: sitrep-1.eu\n") }
        #expect(config.failover == SitrepConfig.Failover(instance: "sitrep-1.eu", leaseTTL: .seconds(6)))
        // The same file on both machines: the name comes from the environment, else from the host.
        let fromEnvironment = try ConfigDirectory.with {
            try $0.load(minimalYAML + "failover: {}\n", environment: ["SITREP_INSTANCE": "db-side"])
        }
        #expect(fromEnvironment.failover?.instance == "db-side")
        let fromHost = try ConfigDirectory.with { try $0.load(minimalYAML + "failover: {}\n") }
        #expect(fromHost.failover?.instance == ProcessInfo.processInfo.hostName)
    }

    @Test func everyBadValueIsReportedWithItsKey() throws {
        let problems = ConfigDirectory.with {
            $0.problems(minimalYAML + "failover:\n  instance: a b\n  lease_ttl: 1s\n  lease: 3s\n")
        }
        #expect(
            problems.sorted() == [
                "failover.instance: must be 1 to 64 letters, digits, '-', '_' or '.', got \"a b\"",
                "failover.lease: unknown key; expected one of instance, lease_ttl",
                "failover.lease_ttl: must be between 2s and 120s, got 1.0 seconds",
            ])
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "failover:\n  instance: b\n  lease_ttl: 30s\n") }
        #expect(config.failover?.leaseTTL == .seconds(30))
    }

    @Test func checkConfigSaysWhichInstanceThisIs() throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML + "failover:\n  instance: sitrep-b\n") }
        #expect(
            ConfigCheck.summary(of: config).last
                == "  failover: instance sitrep-b, lease 6 s (acts only while it holds the lease)")
        let single = try ConfigDirectory.with { try $0.load(minimalYAML) }
        #expect(!ConfigCheck.summary(of: single).contains { $0.contains("failover") })
    }
}
