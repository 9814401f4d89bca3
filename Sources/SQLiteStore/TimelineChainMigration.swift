import Foundation
import GRDB
import SitrepCore
import StoreKit

/// Migration `v3 timeline chain`: adds the `hash` column to `timeline` and the `chain_head` table, then chains
/// the entries already stored, incident by incident in sequence order.
///
/// Entries written before this migration are hashed when it runs, so they are only as trustworthy as the file
/// was at upgrade time; every entry written afterwards is hashed in the transaction that stores it.
enum TimelineChainMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE timeline ADD COLUMN hash BLOB;
                CREATE TABLE chain_head (
                    incident_id INTEGER PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL,
                    hash BLOB NOT NULL
                );
                """
        )
        let hasher = SHA256ChainHasher()
        let incidentIDs = try Int64.fetchAll(db, sql: "SELECT DISTINCT incident_id FROM timeline ORDER BY 1")
        let update = try db.makeStatement(sql: "UPDATE timeline SET hash = ? WHERE incident_id = ? AND seq = ?")
        var scratch: [UInt8] = []
        for incidentID in incidentIDs {
            var previous = hasher.genesis(incidentID: incidentID)
            var last: Int64 = 0
            let rows = try TimelineRecord.fetchAll(
                db,
                sql: "SELECT \(TimelineRecord.selection) FROM timeline WHERE incident_id = ? ORDER BY seq",
                arguments: [incidentID]
            )
            for row in rows {
                let entry = row.entry
                previous = hasher.link(entry, sequence: entry.sequence, previous: previous, scratch: &scratch)
                try update.execute(arguments: [previous.databaseValue, incidentID, entry.sequence])
                last = entry.sequence
            }
            try db.execute(
                sql: "INSERT INTO chain_head (incident_id, seq, hash) VALUES (?, ?, ?)",
                arguments: [incidentID, last, previous.databaseValue]
            )
        }
    }
}

extension ChainHash {
    /// The 32 bytes as a BLOB.
    var databaseValue: DatabaseValue {
        withUnsafeBytes { Data($0) }.databaseValue
    }

    /// The hash in a BLOB column; nil for NULL or a BLOB of another size.
    init?(databaseValue: DatabaseValue) {
        guard case .blob(let data) = databaseValue.storage else { return nil }
        guard let hash = data.withUnsafeBytes({ ChainHash(raw: $0) }) else { return nil }
        self = hash
    }
}
