/// SASL payloads for `AUTHENTICATE`: the PLAIN credentials and the 400-byte chunking servers expect.
public enum SASLPayload {
    /// The longest Base64 text one `AUTHENTICATE` line may carry.
    public static let chunkLength = 400

    /// The PLAIN mechanism message: `authzid NUL authcid NUL password` (authzid is usually empty).
    public static func plain(account: String, password: String, authorizationIdentity: String = "") -> [UInt8] {
        Array(authorizationIdentity.utf8) + [0] + Array(account.utf8) + [0] + Array(password.utf8)
    }

    /// The `AUTHENTICATE` arguments that send `payload`: Base64 in 400-byte chunks, followed by a lone `+` when the
    /// last chunk is exactly 400 bytes (or the payload is empty), so the server knows the payload has ended.
    public static func authenticateArguments(for payload: [UInt8]) -> [String] {
        let encoded = Array(Base64.encode(payload).utf8)
        var arguments: [String] = []
        var start = 0
        while start < encoded.count {
            let end = min(start + chunkLength, encoded.count)
            arguments.append(String(decoding: encoded[start..<end], as: UTF8.self))
            start = end
        }
        if encoded.count % chunkLength == 0 { arguments.append("+") }
        return arguments
    }
}
