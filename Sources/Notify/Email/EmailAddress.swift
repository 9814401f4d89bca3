/// A mailbox address (`dave@example.org`) checked once, so no header or SMTP command built from it can carry a
/// line break, an angle bracket or anything else that would change its meaning. ASCII only: sitrep does not ask
/// servers for SMTPUTF8.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// `local@domain`, as given.
    public let address: String
    /// A display name (`Dave Ops`), any Unicode; encoded when rendered.
    public let displayName: String?

    /// Why a text is not an address sitrep sends to.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case notASCII(String)
        case forbiddenCharacter(String)
        case notLocalAtDomain(String)
        case tooLong(String)

        public var description: String {
            switch self {
            case .empty: "an email address is empty"
            case .notASCII(let text):
                "\(text) is not an ASCII email address (internationalised addresses are not supported)"
            case .forbiddenCharacter(let text): "\(text) contains a space, control character, quote, comma or bracket"
            case .notLocalAtDomain(let text): "\(text) is not of the form name@domain.example"
            case .tooLong(let text): "\(text) is longer than 254 characters"
            }
        }
    }

    public init(_ address: String, displayName: String? = nil) throws(Problem) {
        guard !address.isEmpty else { throw .empty }
        guard address.utf8.allSatisfy({ $0 < 0x80 }) else { throw .notASCII(address) }
        guard address.utf8.count <= 254 else { throw .tooLong(address) }
        let forbidden: Set<UInt8> = Set(" \"(),:;<>[\\]".utf8)
        guard address.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F && !forbidden.contains($0) }) else {
            throw .forbiddenCharacter(address)
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, Self.isDomain(parts[1]) else {
            throw .notLocalAtDomain(address)
        }
        self.address = address
        let name = displayName.map { HeaderText.singleLine($0) }
        self.displayName = name?.isEmpty == true ? nil : name
    }

    /// The part after the `@`.
    public var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

    public var description: String { address }

    private static func isDomain(_ text: Substring) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.isEmpty
            && labels.allSatisfy { label in
                !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy {
                        $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                            || (0x61...0x7A).contains($0)
                    }
            }
    }
}
