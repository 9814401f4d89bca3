import Foundation
import SQLiteStore
import SitrepCore

/// Storage benchmark: appends chat-like timeline lines to a fresh SQLite store and reports the rate.
///
/// Usage: sitrep-store-bench [--lines N] [--batch B] [--incidents K] [--keep]
/// Lines are 80-byte bodies spread over K incidents (one incident per batch, round robin). Only the `append`
/// calls are timed. Afterwards every incident's timeline is read back and counted.
struct Options {
    var lines = 1_000_000
    var batch = 5_000
    var incidents = 1
    var keep = false

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            switch flag {
            case "--lines": lines = iterator.next().flatMap { Int($0) } ?? lines
            case "--batch": batch = iterator.next().flatMap { Int($0) } ?? batch
            case "--incidents": incidents = iterator.next().flatMap { Int($0) } ?? incidents
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
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-store-bench-\(UUID())")
let path = directory.appendingPathComponent("sitrep.sqlite").path
let store = try SQLiteIncidentStore(path: path)
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
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
print(
    "read back \(readBack) lines in \(milliseconds(readTime)); database file \(size / 1_000_000) MB (before checkpoint)"
)
try store.close()
if options.keep {
    print("kept \(path)")
} else {
    try? FileManager.default.removeItem(at: directory)
}
guard readBack == written else {
    print("FAILED: wrote \(written) lines, read back \(readBack)")
    exit(1)
}
print("verified: every line stored once, in order")
