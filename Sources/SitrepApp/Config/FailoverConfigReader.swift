import Foundation

/// Reads and checks `failover:`, into ``SitrepConfig/Failover``: the instance name and the lease's lifetime. Every
/// bad value is reported as `failover.key: reason`. Without `instance`, the name is `SITREP_INSTANCE` from the
/// environment, else the host name, so both machines of a pair can run the very same config file.
enum FailoverConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case instance
        case leaseTTL = "lease_ttl"
    }

    /// Leases shorter than this would be renewed too often for a store across a network; longer ones delay the
    /// takeover past what the pair promises to an incident in progress.
    static let leaseTTLRange: ClosedRange<Duration> = .seconds(2)...(.seconds(120))

    static func read(_ failover: ConfigReader<Key>) -> SitrepConfig.Failover {
        let context = failover.context
        let writtenInstance = failover.string(.instance)
        let leaseTTL = failover.duration(.leaseTTL)

        let name = writtenInstance ?? context.environment["SITREP_INSTANCE"] ?? ProcessInfo.processInfo.hostName
        let instance = context.checked(name, failover.path(.instance)) { name in
            let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            guard !name.isEmpty, name.count <= 64, allowed else {
                return "must be 1 to 64 letters, digits, '-', '_' or '.', got \(IRCNameRules.quoted(name))"
            }
            return nil
        }
        var ttl = leaseTTL ?? ConfigDefaults.leaseTTL
        if !leaseTTLRange.contains(ttl) {
            failover.report(.leaseTTL, "must be between 2s and 120s, got \(ttl)")
            ttl = ConfigDefaults.leaseTTL
        }
        return SitrepConfig.Failover(instance: instance ?? "", leaseTTL: ttl)
    }
}
