import Foundation

/// What an acknowledge link vouches for: this person may acknowledge this incident, through this page attempt,
/// until `expires`. Signed by `AckLinkSigner`; single use is the store's job (the attempt is marked used).
public struct AckClaims: Sendable, Hashable, Codable {
    public var incidentID: Int64
    /// The configured person the page went to.
    public var person: String
    /// The page attempt whose link this is (its idempotency key, `PageAttempt.id`).
    public var attemptID: String
    /// The link stops working at this instant (whole seconds).
    public var expires: Date

    public init(incidentID: Int64, person: String, attemptID: String, expires: Date) {
        self.incidentID = incidentID
        self.person = person
        self.attemptID = attemptID
        self.expires = Date(timeIntervalSince1970: expires.timeIntervalSince1970.rounded(.down))
    }

    enum CodingKeys: String, CodingKey {
        case incidentID = "i"
        case person = "p"
        case attemptID = "a"
        case expires = "e"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        incidentID = try container.decode(Int64.self, forKey: .incidentID)
        person = try container.decode(String.self, forKey: .person)
        attemptID = try container.decode(String.self, forKey: .attemptID)
        expires = Date(timeIntervalSince1970: TimeInterval(try container.decode(Int64.self, forKey: .expires)))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incidentID, forKey: .incidentID)
        try container.encode(person, forKey: .person)
        try container.encode(attemptID, forKey: .attemptID)
        try container.encode(Int64(expires.timeIntervalSince1970), forKey: .expires)
    }
}

/// Why an acknowledge link was refused. The description is fit to show the person who followed it.
public enum AckLinkRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a token sitrep made (cut short by a mail client, mistyped).
    case malformed
    /// Well-formed but not signed with this server's secret (forged, or the secret changed).
    case badSignature
    /// Signed, but past its expiry.
    case expired(AckClaims)

    public var description: String {
        switch self {
        case .malformed:
            "This acknowledge link is incomplete or damaged. Copy the whole link from the page, or acknowledge in chat."
        case .badSignature: "This acknowledge link is not valid here. Acknowledge in chat instead."
        case .expired: "This acknowledge link has expired. Acknowledge in chat instead."
        }
    }
}
