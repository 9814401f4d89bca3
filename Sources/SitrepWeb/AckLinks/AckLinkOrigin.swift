import HTTPTypes

/// The cross-site check of the acknowledge POST: browsers say where a form came from (`Sec-Fetch-Site`, `Origin`);
/// one that says another site (not `web.public_url`, not the request's own host) is refused. Requests without these headers (old browsers, curl) pass: the token
/// alone authorises them.
enum AckLinkOrigin {
    static let refusal =
        "This form was sent from another site. Open the acknowledge link itself and press the button there."

    static func isSameSite(_ headers: HTTPFields, authority: String?, publicURL: String?) -> Bool {
        if let site = headers[HTTPField.Name("Sec-Fetch-Site")!]?.lowercased(), site != "same-origin", site != "none" {
            return false
        }
        guard let origin = headers[HTTPField.Name("Origin")!], origin != "null" else {
            return headers[HTTPField.Name("Origin")!] == nil
        }
        let own = [publicURL.map(Self.origin), authority.map { "http://" + $0 }, authority.map { "https://" + $0 }]
        return own.contains { $0?.lowercased() == origin.lowercased() }
    }

    /// `scheme://host[:port]` of a URL.
    static func origin(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(url[..<schemeEnd.upperBound]) + rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    }
}
