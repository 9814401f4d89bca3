import Foundation
import SitrepCore

/// Why a webhook body was refused: one line naming the field and what was wrong
/// (`alerts[1].status: expected "firing" or "resolved", got "pending"`), for the 400 response and the log.
public struct HookBodyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = ChatText.oneLine(reason, limit: 300)
    }

    public var description: String { reason }
}

/// Decodes webhook bodies with Foundation's `JSONDecoder` and turns every decoding failure into a
/// `HookBodyError` whose reason names the JSON path.
enum HookDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from body: [UInt8]) throws(HookBodyError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw HookBodyError(reason(error))
        } catch {
            throw HookBodyError("body is not valid JSON")
        }
    }

    /// `alerts[0].labels: required`, `alerts[2].status: expected a string`, `body is not valid JSON`.
    static func reason(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context.codingPath + [key])): required"
        case .valueNotFound(_, let context):
            return "\(path(context.codingPath)): must not be null"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)): expected \(describe(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "body is not valid JSON" }
            return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "body is not a valid payload"
        }
    }

    /// `alerts[1].labels.severity`; `body` for the top level.
    static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "body" : keys.dottedPath
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is any ExpressibleByDictionaryLiteral.Type: "an object"
        case is any ExpressibleByArrayLiteral.Type: "a list"
        default: "\(type)"
        }
    }
}

extension KeyedDecodingContainer {
    /// An optional RFC 3339 time (fractional seconds of any length, `Z` or an offset); nil when absent or before
    /// 1970, as Go's zero time `0001-01-01T00:00:00Z` (Alertmanager's "not set") is. A malformed one is a
    /// `dataCorrupted` error naming the key.
    func decodeTime(_ key: Key) throws -> Timestamp? {
        guard let text = try decodeIfPresent(String.self, forKey: key), !text.isEmpty else { return nil }
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else {
            throw invalid(key, "expected an RFC 3339 time, got \(quoted(text))")
        }
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        return milliseconds < 0 ? nil : Timestamp(milliseconds: Int64(milliseconds))
    }

    /// `firing` or `resolved`; `fallback` when absent.
    func decodeStatus(_ key: Key, default fallback: AlertStatus? = nil) throws -> AlertStatus {
        guard let text = try decodeIfPresent(String.self, forKey: key) else {
            if let fallback { return fallback }
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required"))
        }
        guard let status = AlertStatus(rawValue: text) else {
            throw invalid(key, "expected \"firing\" or \"resolved\", got \(quoted(text))")
        }
        return status
    }

    /// A failure naming `key`, for checks decoding cannot express.
    func invalid(_ key: Key, _ reason: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: reason)
    }

    /// `"text"`, shortened, on one line.
    func quoted(_ text: String) -> String {
        "\"\(ChatText.oneLine(text, limit: 60))\""
    }
}
