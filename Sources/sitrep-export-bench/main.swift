import Exports
import Foundation
import SQLiteStore
import SitrepApp
import SitrepCore
import StoreKit

/// Export benchmark: one incident with N transcript lines (default 100,000) in a fresh SQLite store; times
/// `verify` and each export format written to a file, and checks the JSON export decodes and verifies.
///
/// Usage: sitrep-export-bench [--lines N] [--keep]
var lines = 100_000
var keep = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    switch flag {
    case "--lines": lines = arguments.next().flatMap { Int($0) } ?? lines
    case "--keep": keep = true
    default:
        FileHandle.standardError.write(Data("unknown option \(flag)\n".utf8))
        exit(2)
    }
}

func seconds(_ duration: Duration) -> String {
    String(format: "%.3f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
}

let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-export-bench-\(UUID())")
let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("sitrep.sqlite").path)
let alice = Participant(identity: .account("alice"), nick: "alice")
let start = Timestamp(milliseconds: 1_800_000_000_000)
let incident = try await store.declare(
    { id in
        var incident = Incident(
            id: id, title: "checkout 502s", severity: .sev1, channel: ChatChannel(name: "#inc-\(id)"),
            declaredBy: alice, declaredAt: start)
        incident.services = ["checkout", "payments"]
        incident.lead = alice
        incident.roles = ["commander": alice]
        return incident
    },
    entries: { incident in
        [TimelineEntry(incidentID: incident.id, time: start, kind: .lifecycle, author: "sitrep", text: "declared",
            detail: "state: investigating", isKeyEvent: true)]
    }
)
_ = try await store.addFollowUp(incidentID: incident.id, text: "rotate certificates automatically",
    owner: "bob", createdBy: alice, at: start)
let clock = ContinuousClock()
var written = 0
let appendTime = try await clock.measure {
    while written < lines {
        let count = min(5_000, lines - written)
        try await store.append((written..<written + count).map { index in
            TimelineEntry(
                incidentID: incident.id, time: start.adding(.milliseconds(Int64(index) * 250)), kind: .message,
                author: "responder\(index % 7)", account: "responder\(index % 7)",
                text: "line \(index) from the incident channel: checking the load balancer <eu-west> *again*")
        })
        written += count
    }
}
print("incident INC-\(incident.id): \(lines + 1) entries appended in \(seconds(appendTime))")

var verification = ChainVerification.intact(count: 0, head: SHA256ChainHasher().genesis(incidentID: 0))
let verifyTime = try await clock.measure { verification = try await store.verify(incidentID: incident.id) }
print("verify: \(seconds(verifyTime)) — \(ChainSummary.line(verification))")

var failed = !verification.isIntact
for format in ExportFormat.allCases {
    let path = directory.appendingPathComponent("export.\(format.rawValue)").path
    let time = try await clock.measure {
        var sink = try FileExportSink(path: path)
        try await IncidentExporter.export(incidentID: incident.id, format: format, from: store, to: &sink)
        try sink.flush()
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print("export \(format.rawValue): \(seconds(time)), \(size / 1_000) kB")
    if format == .json {
        var offline = verification
        let checkTime = try clock.measure {
            let export = try JSONDecoder().decode(IncidentExport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            offline = IntegrityCheck.verify(export: export)
            failed = failed || export.entries.count != lines + 1
        }
        print("verify of the JSON export (decode + recompute): \(seconds(checkTime)) — \(ChainSummary.line(offline))")
        failed = failed || offline != verification
    }
}
for format in [ReviewExport.Format.markdown, .html] {
    var size = 0
    let time = try await clock.measure {
        size = try await ReviewExport.render(incidentID: incident.id, databasePath: store.path, format: format).utf8.count
    }
    print("review \(format.rawValue): read \(lines + 1) entries, build and render: \(seconds(time)), \(size / 1_000) kB")
}
try store.close()
if keep { print("kept \(directory.path)") } else { try? FileManager.default.removeItem(at: directory) }
if failed {
    print("FAILED: the chain or the JSON export did not verify")
    exit(1)
}
