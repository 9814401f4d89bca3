import Exports
import SQLiteStore
import SitrepCore
import StoreKit

/// The logic of `sitrep verify`: one line per incident, and whether all were intact.
public enum IntegrityCheck {
    public struct Report: Sendable, Equatable {
        /// `INC-4: intact, 1234 entries, head 3fa2c01b…` or `INC-4: BROKEN at entry 57: altered (…)`.
        public var lines: [String]
        /// False if any chain is broken or a named incident does not exist (exit status 1).
        public var succeeded: Bool
    }

    /// Verifies `incidentID`, or every incident when nil.
    public static func run(incidentID: Int64?, store: some TimelineIntegrityStore) async throws -> Report {
        let known = try await store.incidentIDs()
        guard let incidentID else {
            var report = Report(lines: [], succeeded: true)
            if known.isEmpty { report.lines.append("no incidents in the database") }
            for id in known { report.add(id, try await store.verify(incidentID: id)) }
            return report
        }
        guard known.contains(incidentID) else {
            return Report(lines: ["INC-\(incidentID): no such incident"], succeeded: false)
        }
        var report = Report(lines: [], succeeded: true)
        report.add(incidentID, try await store.verify(incidentID: incidentID))
        return report
    }

    /// Recomputes the chain of a JSON export on its own (no database): its entries against their hashes and
    /// the head it carries.
    public static func verify(export: IncidentExport) -> ChainVerification {
        var verifier = TimelineChainVerifier(incidentID: export.incident.id, hasher: SHA256ChainHasher())
        for entry in export.entries {
            let timelineEntry = entry.timelineEntry(incidentID: export.incident.id)
            if let verdict = verifier.entryRead(timelineEntry, hash: entry.hash) { return verdict }
        }
        return verifier.endReached(recordedHead: export.chain.head)
    }
}

extension IntegrityCheck.Report {
    fileprivate mutating func add(_ id: Int64, _ verification: ChainVerification) {
        lines.append("INC-\(id): \(ChainSummary.line(verification))")
        if !verification.isIntact { succeeded = false }
    }
}
