import Foundation
import SitrepCore

/// Storage benchmark: appends chat-like timeline lines to a fresh store and reports the rate.
///
/// Usage: sitrep-store-bench [--lines N] [--batch B] [--incidents K] [--backend sqlite|postgres|all] [--keep]
/// Lines are 80-byte bodies spread over K incidents (one incident per batch, round robin). Only the `append`
/// calls are timed. Afterwards every incident's timeline is read back and counted. The PostgreSQL run uses the
/// server in `SITREP_TEST_POSTGRES_*` (`BenchStore.postgres`) with a database of its own.
struct Options {
    var lines = 1_000_000
    var batch = 5_000
    var incidents = 1
    var backends = ["sqlite"]
    var keep = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--lines": lines = iterator.next().flatMap { Int($0) } ?? lines
            case "--batch": batch = iterator.next().flatMap { Int($0) } ?? batch
            case "--incidents": incidents = iterator.next().flatMap { Int($0) } ?? incidents
            case "--backend":
                let name = iterator.next() ?? ""
                backends = name == "all" ? ["sqlite", "postgres"] : [name]
            case "--keep": keep = true
            default:
                FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
                exit(2)
            }
        }
    }
}

func body(_ index: Int) -> String {
    let head = "line \(index) from the incident channel: "
    return head + String(repeating: "x", count: max(0, 80 - head.utf8.count))
}

func percentile(_ sorted: [Duration], _ fraction: Double) -> Duration {
    sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

func milliseconds(_ duration: Duration) -> String {
    String(
        format: "%.2f ms",
        Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3
    )
}

let options = Options(CommandLine.arguments)
var results: [String] = []
for backend in options.backends {
    let bench: BenchStore
    switch backend {
    case "sqlite": bench = try BenchStore.sqlite(keep: options.keep)
    case "postgres": bench = try await BenchStore.postgres()
    default:
        FileHandle.standardError.write(Data("unknown backend \(backend) (sqlite, postgres or all)\n".utf8))
        exit(2)
    }
    print("== \(backend)")
    let rate = try await run(bench.store, options)
    print(bench.describe())
    try await bench.finish()
    results.append("\(backend) \(Int(rate)) lines/s")
}
print("summary: " + results.joined(separator: ", "))

/// Appends `options.lines` lines to `store`, checks they read back in order, prints the figures; returns the rate.
func run(_ store: any IncidentStore, _ options: Options) async throws -> Double {
    let someone = Participant(identity: .account("bench"), nick: "bench")
    var incidentIDs: [Int64] = []
    for _ in 0..<options.incidents {
        let incident = try await store.declare(
            { id in
                Incident(
                    id: id,
                    title: "bench",
                    severity: .sev3,
                    channel: ChatChannel(name: "#inc-\(id)"),
                    declaredBy: someone,
                    declaredAt: Timestamp(milliseconds: 0)
                )
            },
            entries: { _ in [] }
        )
        incidentIDs.append(incident.id)
    }

    let clock = ContinuousClock()
    var latencies: [Duration] = []
    var total = Duration.zero
    var written = 0
    var batchIndex = 0
    while written < options.lines {
        let count = min(options.batch, options.lines - written)
        let incidentID = incidentIDs[batchIndex % incidentIDs.count]
        let entries = (written..<written + count).map { index in
            TimelineEntry(
                incidentID: incidentID,
                time: Timestamp(milliseconds: 1_800_000_000_000 + Int64(index)),
                kind: .message,
                author: "responder\(index % 7)",
                account: "responder\(index % 7)",
                text: body(index)
            )
        }
        let elapsed = try await clock.measure { try await store.append(entries) }
        latencies.append(elapsed)
        total += elapsed
        written += count
        batchIndex += 1
    }

    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
    let sorted = latencies.sorted()
    print("appended \(written) lines in batches of \(options.batch) over \(options.incidents) incident(s)")
    print(String(format: "rate: %.0f lines/s (%.3f s in append)", Double(written) / seconds, seconds))
    print(
        "batch commit latency: p50 \(milliseconds(percentile(sorted, 0.5))), p99 \(milliseconds(percentile(sorted, 0.99))), max \(milliseconds(sorted.last ?? .zero))"
    )

    var readBack = 0
    let readTime = try await clock.measure {
        for id in incidentIDs {
            let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
            guard timeline.map(\.sequence) == Array(1...Int64(timeline.count)) else {
                print("FAILED: incident #\(id) has gaps or disorder in its sequences")
                exit(1)
            }
            readBack += timeline.count
        }
    }
    print("read back \(readBack) lines in \(milliseconds(readTime))")
    guard readBack == written else {
        print("FAILED: wrote \(written) lines, read back \(readBack)")
        exit(1)
    }
    print("verified: every line stored once, in order")
    return Double(written) / seconds
}
