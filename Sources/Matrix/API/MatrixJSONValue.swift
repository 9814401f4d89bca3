/// Any JSON value, kept as written: sitrep reads and writes back state whose every field it must keep
/// (`m.room.power_levels` has `events`, `ban`, `notifications`… it does not otherwise model).
public enum MatrixJSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    /// A number without a fraction (power levels, timestamps), kept exact.
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([MatrixJSONValue])
    case object([String: MatrixJSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([MatrixJSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: MatrixJSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The value as a whole number: an integer, or a string of one (power levels in old room versions).
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .string(let text): Int64(text)
        default: nil
        }
    }
}
