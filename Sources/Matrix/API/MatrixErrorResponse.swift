/// The standard error body of the client-server API (`{"errcode": "M_…", "error": "…"}`), with the fields that
/// change what a client does next: `retry_after_ms` on `M_LIMIT_EXCEEDED`, `soft_logout` on `M_UNKNOWN_TOKEN`.
public struct MatrixErrorResponse: Sendable, Equatable, Decodable, Error, CustomStringConvertible {
    public var errcode: String
    public var error: String?
    /// How long the server asks to wait before retrying (rate limiting).
    public var retryAfterMilliseconds: Int64?
    /// True when the token expired but the device may log in again and keep its data.
    public var softLogout: Bool?

    public init(errcode: String, error: String? = nil, retryAfterMilliseconds: Int64? = nil, softLogout: Bool? = nil) {
        self.errcode = errcode
        self.error = error
        self.retryAfterMilliseconds = retryAfterMilliseconds
        self.softLogout = softLogout
    }

    private enum CodingKeys: String, CodingKey {
        case errcode, error
        case retryAfterMilliseconds = "retry_after_ms"
        case softLogout = "soft_logout"
    }

    public var description: String { error.map { "\(errcode): \($0)" } ?? errcode }
}
