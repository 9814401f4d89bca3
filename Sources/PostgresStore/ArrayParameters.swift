import NIOCore
import PostgresNIO
import SitrepCore

/// A `text[]` parameter whose elements may be NULL, for `unnest` (postgres-nio's own arrays have no NULL
/// elements). Written in PostgreSQL's binary array format, elements as UTF-8, escaped by `PostgresText`.
struct NullableTextArray: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    var elements: [String?]

    init(_ elements: [String?]) {
        self.elements = elements
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        BinaryArray.writeHeader(count: elements.count, hasNulls: elements.contains(nil), element: .text, into: &buffer)
        for element in elements {
            guard let element else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            let lengthIndex = buffer.writerIndex
            buffer.writeInteger(0, as: Int32.self)
            let written = buffer.writeString(PostgresText.encode(element))
            buffer.setInteger(Int32(written), at: lengthIndex)
        }
    }
}

/// A `bytea[]` parameter of chain hashes (32 bytes each), for `unnest`.
struct HashArray: PostgresNonThrowingEncodable {
    static var psqlType: PostgresDataType { .byteaArray }
    static var psqlFormat: PostgresFormat { .binary }

    var hashes: [ChainHash]

    init(_ hashes: [ChainHash]) {
        self.hashes = hashes
    }

    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        BinaryArray.writeHeader(count: hashes.count, hasNulls: false, element: .bytea, into: &buffer)
        for hash in hashes {
            hash.withUnsafeBytes { bytes in
                buffer.writeInteger(Int32(bytes.count), as: Int32.self)
                buffer.writeBytes(bytes)
            }
        }
    }
}

/// The header of PostgreSQL's binary array format (one dimension, lower bound 1).
enum BinaryArray {
    static func writeHeader(count: Int, hasNulls: Bool, element: PostgresDataType, into buffer: inout ByteBuffer) {
        buffer.writeInteger(count == 0 ? 0 : 1, as: Int32.self)
        buffer.writeInteger(hasNulls ? 1 : 0, as: Int32.self)
        buffer.writeInteger(element.rawValue, as: UInt32.self)
        guard count > 0 else { return }
        buffer.writeInteger(Int32(count), as: Int32.self)
        buffer.writeInteger(1, as: Int32.self)
    }
}

extension ChainHash {
    /// A hash read from a `bytea` cell; nil for NULL or a value of another size.
    init?(cell: PostgresCell) throws {
        guard let buffer = try cell.decode(ByteBuffer?.self) else { return nil }
        self.init(bytes: buffer.readableBytesView)
    }

    /// The hash as a `bytea` parameter.
    var parameter: ByteBuffer { withUnsafeBytes { ByteBuffer(bytes: $0) } }
}
