import Foundation

/// `failover:`: the instance name and the lease's lifetime. Every bad value is reported as `failover.key: reason`.
/// Without `instance`, the name is `SITREP_INSTANCE` from the environment, else the host name, so both machines
/// of a pair can run the very same config file.
extension ConfigValidator {
    /// Leases shorter than this would be renewed too often for a store across a network; longer ones delay the
    /// takeover past what the pair promises to an incident in progress.
    static let leaseTTLRange: ClosedRange<Duration> = .seconds(2)...(.seconds(120))

    mutating func validateFailover(_ raw: RawFailover?) -> SitrepConfig.Failover? {
        guard let raw else { return nil }
        let name = raw.instance ?? environment["SITREP_INSTANCE"] ?? ProcessInfo.processInfo.hostName
        let instance = checked(name, "failover.instance") { name in
            let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
            guard !name.isEmpty, name.count <= 64, allowed else {
                return "must be 1 to 64 letters, digits, '-', '_' or '.', got \(IRCNameRules.quoted(name))"
            }
            return nil
        }
        var ttl = raw.leaseTTL ?? ConfigDefaults.leaseTTL
        if !Self.leaseTTLRange.contains(ttl) {
            report("failover.lease_ttl", "must be between 2s and 120s, got \(ttl)")
            ttl = ConfigDefaults.leaseTTL
        }
        return SitrepConfig.Failover(instance: instance ?? "", leaseTTL: ttl)
    }
}
