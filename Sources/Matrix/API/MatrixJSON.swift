#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON in and out for the client-server API: one place that owns the coders and their settings.
public enum MatrixJSON {
    /// Decodes `T` from a response body.
    public static func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Encodes a request body, keys sorted so the bytes are stable (tests, logs).
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    /// The error body of a failed response, if it is one.
    public static func error(from bytes: some Collection<UInt8>) -> MatrixErrorResponse? {
        try? decode(MatrixErrorResponse.self, from: bytes)
    }
}
