import SitrepCore

/// A Matrix user id (`@alice:example.org`), checked for shape: what sitrep grants rights to on Matrix.
///
/// A user id is an authenticated identity (the homeserver vouches for it), so it maps to a `ChatIdentity` of kind
/// `account`, like an IRC services account. Equality is exact: user ids are case-sensitive on the wire.
public struct MatrixUserID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The full id, `@localpart:server`.
    public let rawValue: String

    /// Nil unless `rawValue` is `@`, a non-empty localpart, `:`, and a non-empty server name, without spaces.
    public init?(_ rawValue: String) {
        guard rawValue.hasPrefix("@"), let colon = rawValue.firstIndex(of: ":"),
            colon > rawValue.index(after: rawValue.startIndex), rawValue.index(after: colon) < rawValue.endIndex,
            !rawValue.contains(where: { $0 == " " || $0.isNewline })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The part between `@` and the first `:` (`alice`).
    public var localpart: Substring {
        rawValue.dropFirst().prefix { $0 != ":" }
    }

    /// The server name after the first `:` (`example.org`, possibly with a port).
    public var serverName: Substring {
        rawValue.drop { $0 != ":" }.dropFirst()
    }

    /// The identity rights are checked against, on the configured network `network`.
    public func identity(network: String) -> ChatIdentity {
        .account(rawValue, network: network)
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = MatrixUserID(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "not a Matrix user id: \(text)"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
