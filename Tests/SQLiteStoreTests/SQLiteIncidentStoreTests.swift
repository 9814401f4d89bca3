import Foundation
import SQLiteStore
import SitrepCore
import Testing
import StoreKit

/// What only the SQLite backend does: files, directories, migrations, operator-facing errors.
@Suite struct SQLiteIncidentStoreTests {
    private func withDirectory(_ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-sqlite-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(directory)
    }

    @Test func createsMissingDirectoriesAndMigratesAFreshFile() async throws {
        try await withDirectory { directory in
            let path = directory.appendingPathComponent("a/b/sitrep.sqlite").path
            let store = try SQLiteIncidentStore(path: path)
            defer { try? store.close() }
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await store.openIncidents().isEmpty)
            try await Fixtures.declare(1, in: store)
            #expect(try await store.incident(id: 1) != nil)
        }
    }

    @Test func migratesAnEmptyExistingFile() async throws {
        try await withDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("empty.sqlite").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data()))
            let store = try SQLiteIncidentStore(path: path)
            defer { try? store.close() }
            #expect(try await store.lastHeartbeat() == nil)
            #expect(try await Fixtures.declare(1, in: store) == [1])
        }
    }

    @Test func openingTwiceRunsMigrationsOnce() async throws {
        try await withDirectory { directory in
            let path = directory.appendingPathComponent("sitrep.sqlite").path
            try SQLiteIncidentStore(path: path).close()
            let store = try SQLiteIncidentStore(path: path)
            defer { try? store.close() }
            #expect(try await Fixtures.declare(2, in: store) == [1, 2])
        }
    }

    @Test func unopenablePathNamesThePathAndWhatToCheck() async throws {
        try await withDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let blocker = directory.appendingPathComponent("not-a-directory")
            #expect(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
            let path = blocker.appendingPathComponent("sitrep.sqlite").path
            let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path) }
            let description = error.map { "\($0)" } ?? ""
            #expect(description.contains(path))
            #expect(description.contains("writable"))
        }
    }

    @Test func garbageFileIsReportedAsDamaged() async throws {
        try await withDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("garbage.sqlite").path
            let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
            #expect(FileManager.default.createFile(atPath: path, contents: garbage))
            let error = #expect(throws: StoreError.self) { try SQLiteIncidentStore(path: path) }
            #expect(error.map { "\($0)" }?.contains(path) == true)
        }
    }

    @Test func errorsForCallerBugsSayWhatIsWrong() async throws {
        try await withDirectory { directory in
            let store = try SQLiteIncidentStore(path: directory.appendingPathComponent("s.sqlite").path)
            defer { try? store.close() }
            let error = await #expect(throws: StoreError.self) {
                try await store.append([Fixtures.line(4, "orphan")])
            }
            #expect(error == .unknownIncident(4))
            let mismatch = await #expect(throws: StoreError.self) {
                _ = try await store.declare({ _ in Fixtures.incident(9) }, entries: { _ in [] })
            }
            #expect(mismatch == .idMismatch(allocated: 1, built: 9))
            let mark = await #expect(throws: StoreError.self) {
                try await store.markKeyEvent(incidentID: 1, sequence: 1)
            }
            #expect(mark == .unknownEntry(incidentID: 1, sequence: 1))
        }
    }
}
