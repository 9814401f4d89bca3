/// How a webhook URL is stored and shown: its path and query may carry a token, so a page attempt keeps and shows
/// only `https://host/…`.
public enum WebhookAddress {
    /// `url` without its path, query and fragment: `https://hooks.example.org/…`; `webhook` when it has no scheme.
    public static func shortened(_ url: String) -> String {
        let separator = Array("://".utf8)
        let bytes = Array(url.utf8)
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: separator) }) else { return "webhook" }
        let hostStart = start + separator.count
        let hostEnd = bytes[hostStart...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return String(decoding: bytes[..<(hostEnd ?? bytes.endIndex)], as: UTF8.self) + "/…"
    }
}
