import Foundation
import SQLiteStore
import SitrepCore

/// Search benchmark: seeds a fresh store with realistic incidents (title, updates, notes, cause, resolution,
/// category, services) through `declare`/`commit` like the bot, then times `search` queries.
///
/// Usage: sitrep-search-bench [--incidents N] [--queries Q] [--seed S] [--keep]
/// Queries mix one, two and three words, 20% with a filter (category, service or severity), some matching
/// nothing. Reports seeding time, p50/p90/p99/max query latency and the mean hit count.
struct Options {
    var incidents = 10_000
    var queries = 1_000
    var seed: UInt64 = 42
    var keep = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--incidents": incidents = iterator.next().flatMap { Int($0) } ?? incidents
            case "--queries": queries = iterator.next().flatMap { Int($0) } ?? queries
            case "--seed": seed = iterator.next().flatMap { UInt64($0) } ?? seed
            case "--keep": keep = true
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

/// Deterministic generator (SplitMix64).
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
}

enum Vocabulary {
    static let services = [
        "checkout", "payments", "search", "login", "api", "gateway", "billing", "inventory", "catalog", "orders",
        "notifications", "email", "cdn", "dns", "postgres", "redis", "kafka", "elasticsearch", "auth", "shipping",
    ]
    static let categories = [
        "database", "database/postgres", "database/redis", "network", "network/dns", "network/lb", "release",
        "capacity", "security", "third-party", "storage", "queue",
    ]
    static let symptoms = [
        "returns 500s", "latency above SLO", "timeouts", "is down", "degraded in EU", "slow responses",
        "connection errors", "elevated error rate", "stuck jobs", "duplicate messages", "certificate expired",
        "disk full", "memory leak", "replication lag", "queue backlog", "TLS handshake failures", "OOM kills",
        "rate limited by provider", "stale cache", "failed deploy",
    ]
    static let updates = [
        "We are investigating elevated errors on {s}; next update in 30 minutes",
        "Impact limited to EU customers of {s}; mitigation in progress",
        "{s} recovering after rollback; monitoring",
        "Customers may see slow page loads on {s}",
        "Root cause identified for {s}; fix being deployed",
    ]
    static let notes = [
        "{s} p99 latency jumped to 4s at 12:02", "deploy {n} of {s} went out at 11:58",
        "error budget for {s} burned 40% in an hour", "replica {n} of {s} is 300s behind",
        "saw connection resets between {s} and the load balancer", "pager fired for {s} saturation",
        "heap usage on {s} workers climbing since 09:00", "kafka consumer group for {s} is lagging",
        "disk on {s}-db-{n} at 97%", "vendor status page reports an outage affecting {s}",
    ]
    static let causes = [
        "connection pool too small for peak traffic on {s}", "expired TLS certificate on {s}",
        "bad config pushed to {s} in deploy {n}", "missing index on the {s} orders table",
        "noisy neighbour saturated the {s} hosts", "DNS TTL too long after failover of {s}",
        "memory leak in the {s} client library", "retry storm from {s} clients",
    ]
    static let resolutions = [
        "rolled back deploy {n} of {s}", "raised the {s} pool size", "renewed the certificate for {s}",
        "added the missing index on {s}", "restarted the {s} workers", "failed over {s} to the replica",
        "scaled {s} out to 12 nodes", "purged the {s} cache", "rotated the {s} credentials",
    ]
}

func fill(_ template: String, _ service: String, _ random: inout Random) -> String {
    template.replacingOccurrences(of: "{s}", with: service)
        .replacingOccurrences(of: "{n}", with: String(random.next() % 900 + 100))
}

let options = Options(CommandLine.arguments)
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-search-bench-\(UUID())")
let path = directory.appendingPathComponent("sitrep.sqlite").path
defer { if !options.keep { try? FileManager.default.removeItem(at: directory) } }
let store = try SQLiteIncidentStore(path: path)
var random = Random(state: options.seed)
let person = Participant(identity: .account("oncall"), nick: "oncall")
let start = Timestamp(milliseconds: 1_767_225_600_000)

let seedClock = ContinuousClock.now
for index in 0..<options.incidents {
    let service = random.pick(Vocabulary.services)
    let title = "\(service.capitalized) \(random.pick(Vocabulary.symptoms))"
    let severity = Severity(rawValue: Int(random.next() % 4) + 1)!
    let time = start.adding(.seconds(Int64(index) * 600))
    var incident = try await store.declare(
        { IncidentReducer.declare(id: $0, severity: severity, title: title, by: person, at: time).incident },
        entries: { IncidentReducer.declare(id: $0.id, severity: severity, title: title, by: person, at: time).entries })
    var intents: [IncidentIntent] = [
        .category(random.pick(Vocabulary.categories)),
        .services([service] + (random.chance(40) ? [random.pick(Vocabulary.services)] : [])),
    ]
    for _ in 0..<(1 + random.next() % 3) { intents.append(.update(fill(random.pick(Vocabulary.updates), service, &random))) }
    for _ in 0..<(1 + random.next() % 4) { intents.append(.note(fill(random.pick(Vocabulary.notes), service, &random))) }
    intents.append(.cause(fill(random.pick(Vocabulary.causes), service, &random)))
    intents.append(.resolve(fill(random.pick(Vocabulary.resolutions), service, &random)))
    if random.chance(80) { intents.append(.close) }
    for (offset, intent) in intents.enumerated() {
        let outcome = IncidentReducer.apply(
            intent, to: incident, by: person, rights: .commander, at: time.adding(.seconds(Int64(offset + 1) * 60)))
        guard let changed = outcome.incident else { continue }
        try await store.commit(changed, entries: outcome.entries)
        incident = changed
    }
}
let seeded = ContinuousClock.now - seedClock

let words = Vocabulary.services + [
    "latency", "timeouts", "rollback", "certificate", "deploy", "pool", "index", "replica", "cache", "disk",
    "memory", "leak", "dns", "failover", "restarted", "workers", "EU", "customers", "kafka", "lag", "zebra",
    "quokka", "saturation", "vendor", "outage", "errors",
]
var latencies: [Duration] = []
var hitCount = 0
for _ in 0..<options.queries {
    let query = (0..<(1 + random.next() % 3)).map { _ in random.pick(words) }.joined(separator: " ")
    var filter = SearchFilter()
    if random.chance(20) {
        switch random.next() % 3 {
        case 0: filter.category = random.pick(Vocabulary.categories)
        case 1: filter.service = random.pick(Vocabulary.services)
        default: filter.severity = Severity(rawValue: Int(random.next() % 4) + 1)
        }
    }
    let began = ContinuousClock.now
    let hits = try await store.search(query: query, filter: filter, limit: 10, includeTranscripts: false)
    latencies.append(ContinuousClock.now - began)
    hitCount += hits.count
}
let sortedLatencies = latencies.sorted()
/// Nearest rank, as in the reports.
func percentile(_ fraction: Double, of sorted: [Duration] = sortedLatencies) -> String {
    let value = sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * fraction).rounded(.up)) - 1))]
    return String(format: "%.2f ms", Double(value.components.attoseconds) / 1e15 + Double(value.components.seconds) * 1000)
}
let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print("seeded \(options.incidents) incidents in \(seeded) (db \(fileSize / 1_048_576) MB + WAL)")
print(
    "\(options.queries) queries: p50 \(percentile(0.5)), p90 \(percentile(0.9)), p99 \(percentile(0.99)), "
        + "max \(percentile(1.0)); mean hits \(Double(hitCount) / Double(options.queries))")
try store.close()
