/// Where and how one person's webhook is called: built once from config, then used for every page to them.
public struct WebhookTarget: Sendable, Equatable {
    /// The http(s) URL the JSON is POSTed to.
    public var url: String
    public var template: WebhookTemplate
    /// The HMAC-SHA256 key for `X-Sitrep-Signature`; without one, requests are not signed.
    public var secret: [UInt8]?
    /// Extra headers (`X-Gotify-Key`, `Authorization`), sent as they are; their values are never logged.
    public var headers: [(name: String, value: String)]

    /// Why a target cannot be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case badURL(String)
        case badHeader(String)

        public var description: String {
            switch self {
            case .badURL(let url): "webhook URL \(url) is not an http:// or https:// URL with a host"
            case .badHeader(let name): "webhook header \(name) has an invalid name or a line break in its value"
            }
        }
    }

    public init(
        url: String, template: WebhookTemplate = .standard, secret: [UInt8]? = nil,
        headers: [(name: String, value: String)] = []
    ) throws(Problem) {
        guard Self.isHTTPURL(url) else { throw .badURL(url) }
        for header in headers {
            let nameOK = !header.name.isEmpty && header.name.utf8.allSatisfy { Self.isTokenByte($0) }
            let valueOK = header.value.unicodeScalars.allSatisfy {
                $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F)
            }
            guard nameOK, valueOK else { throw .badHeader(header.name) }
        }
        self.url = url
        self.template = template
        self.secret = secret
        self.headers = headers
    }

    public static func == (lhs: WebhookTarget, rhs: WebhookTarget) -> Bool {
        lhs.url == rhs.url && lhs.template == rhs.template && lhs.secret == rhs.secret
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    static func isHTTPURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
    }
}
