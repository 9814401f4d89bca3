import Foundation
import GRDB
import GRDBSQLite

/// A string stored byte for byte, including NUL and control characters.
///
/// GRDB binds and reads `String` as a C string, so a NUL would cut it short. `StoredText` binds ordinary
/// strings as TEXT and a string containing NUL as a BLOB of its UTF-8 bytes, and reads either back with
/// explicit lengths. The timeline hot path binds TEXT with an explicit length directly (see `TimelineWriter`);
/// this type reads both forms.
struct StoredText: Sendable, Hashable, Codable, DatabaseValueConvertible, StatementColumnConvertible {
    var string: String

    init(_ string: String) {
        self.string = string
    }

    init?(_ string: String?) {
        guard let string else { return nil }
        self.string = string
    }

    var databaseValue: DatabaseValue {
        if string.utf8.contains(0) {
            return Data(string.utf8).databaseValue
        }
        return string.databaseValue
    }

    static func fromDatabaseValue(_ dbValue: DatabaseValue) -> StoredText? {
        switch dbValue.storage {
        case .string(let string): StoredText(string)
        case .blob(let data): StoredText(String(decoding: data, as: UTF8.self))
        default: nil
        }
    }

    init?(sqliteStatement: SQLiteStatement, index: CInt) {
        switch sqlite3_column_type(sqliteStatement, index) {
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(sqliteStatement, index))
            guard let bytes = sqlite3_column_text(sqliteStatement, index) else {
                self.string = ""
                return
            }
            string = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(sqliteStatement, index))
            guard let bytes = sqlite3_column_blob(sqliteStatement, index) else {
                self.string = ""
                return
            }
            let buffer = UnsafeRawBufferPointer(start: bytes, count: count).bindMemory(to: UInt8.self)
            string = String(decoding: buffer, as: UTF8.self)
        default:
            return nil
        }
    }

    init(from decoder: any Decoder) throws {
        string = try decoder.singleValueContainer().decode(String.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
