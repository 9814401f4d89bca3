import Foundation
import NIOCore
import PostgresNIO
import SitrepCore

/// One column of a page of copied rows as a single array parameter, for `unnest` (`HistoryInsert`): `bigint[]`,
/// `boolean[]`, `bytea[]` or `text[]`, NULL elements allowed, in PostgreSQL's binary array format.
///
/// Text is escaped by `PostgresText` as the store writes it. A list (`services`) travels as the JSON text of its
/// escaped elements, because `unnest` of a two-dimensional array would flatten it; the query turns it back into
/// a `text[]`.
struct CopyColumnArray: PostgresDynamicTypeEncodable {
    var kind: StoreCopyValue.Kind
    var values: [StoreCopyValue]

    var psqlType: PostgresDataType {
        switch kind {
        case .integer: .int8Array
        case .boolean: .boolArray
        case .bytes: .byteaArray
        case .text, .textList: .textArray
        }
    }

    var psqlFormat: PostgresFormat { .binary }

    /// The array type of a column of `kind`, for the parameter's cast.
    static func sqlType(_ kind: StoreCopyValue.Kind) -> String {
        switch kind {
        case .integer: "bigint[]"
        case .boolean: "boolean[]"
        case .bytes: "bytea[]"
        case .text, .textList: "text[]"
        }
    }

    private var elementType: PostgresDataType {
        switch kind {
        case .integer: .int8
        case .boolean: .bool
        case .bytes: .bytea
        case .text, .textList: .text
        }
    }

    /// The elements are assembled in an `[UInt8]` and written with one `writeBytes` (a write per integer costs
    /// far more in a debug build, where NIO is not optimised).
    func encode<JSONEncoder: PostgresJSONEncoder>(
        into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        BinaryArray.writeHeader(
            count: values.count, hasNulls: values.contains(.null), element: elementType, into: &buffer)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 16)
        for value in values {
            switch value {
            case .null: Self.append(Int32(-1), to: &bytes)
            case .integer(let int):
                Self.append(Int32(8), to: &bytes)
                Self.append(int, to: &bytes)
            case .boolean(let bool):
                Self.append(Int32(1), to: &bytes)
                bytes.append(bool ? 1 : 0)
            case .bytes(let data):
                Self.append(Int32(data.count), to: &bytes)
                bytes += data
            case .text(let text): Self.append(PostgresText.encode(text).utf8, to: &bytes)
            case .textList(let list): Self.append(Self.json(list).utf8, to: &bytes)
            }
        }
        buffer.writeBytes(bytes)
    }

    /// Appends `value` big-endian.
    private static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a length-prefixed element.
    private static func append(_ utf8: String.UTF8View, to bytes: inout [UInt8]) {
        append(Int32(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
    }

    /// The JSON array of the escaped elements (escaped text has no NUL, which `jsonb` refuses).
    private static func json(_ list: [String]) -> String {
        let data = (try? Foundation.JSONEncoder().encode(list.map { PostgresText.encode($0) })) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
