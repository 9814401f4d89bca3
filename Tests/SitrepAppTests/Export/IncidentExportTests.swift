import Foundation
import GRDB
import SQLiteStore
@testable import Exports
@testable import SitrepApp
import SitrepCore
import Testing
import StoreKit

/// `sitrep export` and `sitrep verify` logic, against real SQLite files.
@Suite struct IncidentExportTests {
    @Test func jsonExportRoundTripsAcrossPagesAndVerifiesOffline() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            let lines = IncidentExporter.pageSize * 2 + 17
            for start in stride(from: 0, to: lines, by: 4_000) {
                try await store.append((start..<min(lines, start + 4_000)).map { index in
                    TimelineEntry(
                        incidentID: 1, time: ExportFixture.start.adding(.seconds(Int64(index))), kind: .message,
                        author: "r\(index % 5)", text: "line \(index) \"quoted\" / é\n\u{0}")
                })
            }
            let json = try await ExportFixture.export(1, .json, from: store)
            let decoded = try JSONDecoder().decode(IncidentExport.self, from: Data(json.utf8))
            let head = try await store.chainHead(incidentID: 1)
            #expect(decoded.format == IncidentExport.currentFormat)
            #expect(decoded.entries.count == lines + 3)
            #expect(decoded.entries.map(\.sequence) == Array(1...Int64(lines + 3)))
            #expect(decoded.chain.head == head)
            #expect(decoded.chain.verification == .intact(count: lines + 3, head: head.hash))
            #expect(decoded.incident == (try await store.incident(id: 1)))
            #expect(decoded.followUps == (try await store.followUps(incidentID: 1, openOnly: false)))
            #expect(decoded.entries.last?.hash == head.hash)
            #expect(decoded.entries.last?.text == "line \(lines - 1) \"quoted\" / é\n\u{0}")
            #expect(IntegrityCheck.verify(export: decoded) == decoded.chain.verification)
        }
    }

    @Test func offlineVerificationCatchesAnEditedCopy() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            let json = try await ExportFixture.export(1, .json, from: store)
            var copy = try JSONDecoder().decode(IncidentExport.self, from: Data(json.utf8))
            copy.entries[1].text = "LB cert was fine"
            guard case .broken(2, let reason) = IntegrityCheck.verify(export: copy) else {
                Issue.record("edited copy verified: \(IntegrityCheck.verify(export: copy))")
                return
            }
            #expect(reason.kind == .altered)
            copy = try JSONDecoder().decode(IncidentExport.self, from: Data(json.utf8))
            copy.entries.removeLast()
            #expect(IntegrityCheck.verify(export: copy) == .broken(firstBadSequence: 3, reason: ChainBreak(.removed, "the last 1 entries are missing; the recorded head is entry 3")))
        }
    }

    @Test func exportOfAnUnknownIncidentSaysSo() async throws {
        try await ExportFixture.withStore { store, _ in
            await #expect(throws: ExportError.unknownIncident(9)) {
                _ = try await ExportFixture.export(9, .text, from: store)
            }
        }
    }

    @Test func verifyReportsEveryIncidentAndFailsOnATamperedOne() async throws {
        try await ExportFixture.withStore { store, path in
            try await ExportFixture.small(in: store)
            _ = try await store.declare(
                { Incident(id: $0, title: "second", severity: .sev3, channel: ChatChannel(name: "#inc-2"),
                    declaredBy: ExportFixture.alice, declaredAt: ExportFixture.start) },
                entries: { _ in [] })
            let clean = try await IntegrityCheck.run(incidentID: nil, store: store)
            let head = try await store.chainHead(incidentID: 1).hash
            let genesis = SHA256ChainHasher().genesis(incidentID: 2)
            #expect(clean.lines == ["INC-1: intact, 3 entries, head \(head.abbreviated)", "INC-2: intact, 0 entries, head \(genesis.abbreviated)"])
            #expect(clean.succeeded)

            let intruder = try DatabaseQueue(path: path)
            try await intruder.write { try $0.execute(sql: "UPDATE timeline SET text = 'x' WHERE seq = 2") }
            try intruder.close()
            let tampered = try await IntegrityCheck.run(incidentID: 1, store: store)
            #expect(tampered.lines.count == 1)
            #expect(tampered.lines[0].hasPrefix("INC-1: BROKEN at entry 2: altered ("))
            #expect(!tampered.succeeded)
            #expect(try await IntegrityCheck.run(incidentID: 2, store: store).succeeded)
            let unknown = try await IntegrityCheck.run(incidentID: 7, store: store)
            #expect(unknown.lines == ["INC-7: no such incident"])
            #expect(!unknown.succeeded)
        }
    }
}

/// The hand-written entry JSON of the export decodes to the same entry as the `Codable` encoding.
@Suite struct ExportEntryJSONTests {
    @Test(arguments: [
        "plain", "", "quote \" backslash \\ slash /", "nul \u{0} bell \u{7} esc \u{1B} del \u{7F}",
        "lines\r\n\ttabbed", "émoji 🔥🧑🏽‍🚒 \u{2028} \u{FEFF}",
    ])
    func handWrittenJSONMatchesCodable(text: String) throws {
        let entry = TimelineEntry(
            incidentID: 3, sequence: 9, time: Timestamp(milliseconds: -1_500), kind: .note, author: text,
            account: text.isEmpty ? nil : text, text: text, detail: text.isEmpty ? nil : TimelineDetail(text), isKeyEvent: true)
        let exported = IncidentExport.Entry(ChainedEntry(entry: entry, hash: ChainHash(bytes: [UInt8](repeating: 7, count: 32))))
        var json = ""
        exported.appendJSON(to: &json)
        let decoded = try JSONDecoder().decode(IncidentExport.Entry.self, from: Data(json.utf8))
        #expect(decoded == exported)
        let viaCodable = try JSONDecoder().decode(
            IncidentExport.Entry.self, from: JSONEncoder().encode(exported))
        #expect(decoded == viaCodable)
    }

    @Test func aRedactedLineIsShownRedactedInTextAndMarkdownAndKeptInTheJSONEvidence() async throws {
        try await ExportFixture.withStore { store, _ in
            try await ExportFixture.small(in: store)
            let secret = "the deploy token is hunter2"
            // Many lines between the line and its redaction, so they fall on different pages.
            var lines = [
                TimelineEntry(
                    incidentID: 1, time: ExportFixture.start, kind: .message, author: "alice", text: secret,
                    detail: "event=$secret")
            ]
            lines += (0..<(IncidentExporter.pageSize + 5)).map {
                TimelineEntry(incidentID: 1, time: ExportFixture.start, kind: .message, author: "bob", text: "line \($0)")
            }
            lines.append(
                TimelineEntry(
                    incidentID: 1, time: ExportFixture.start, kind: .mode, author: "alice",
                    text: "redacted: posted a secret", detail: "redaction of $secret"))
            try await store.append(lines)
            for format in [ExportFormat.text, .markdown] {
                let text = try await ExportFixture.export(1, format, from: store)
                #expect(!text.contains("hunter2"), "\(format)")
                // (Markdown escapes the brackets.)
                #expect(text.contains("[redacted]") || text.contains("\\[redacted\\]"), "\(format)")
                #expect(text.contains("redacted: posted a secret"), "\(format)")
            }
            let json = try await ExportFixture.export(1, .json, from: store)
            let decoded = try JSONDecoder().decode(IncidentExport.self, from: Data(json.utf8))
            #expect(decoded.entries.contains { $0.text == secret })
            #expect(IntegrityCheck.verify(export: decoded).isIntact)
        }
    }
}
