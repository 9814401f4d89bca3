/// The acknowledge link of a page: `<web.public_url>/ack/<token>`, served by the web side (`AckLinkRoutes`).
public enum AckLink {
    /// The path prefix the web side serves acknowledge links under.
    public static let pathPrefix = "/ack/"

    /// The link for `claims`, signed by `signer`, under `publicURL` (`https://sitrep.example.org`, with or without
    /// a trailing slash).
    public static func url(publicURL: String, signer: AckLinkSigner, claims: AckClaims) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + pathPrefix + signer.sign(claims)
    }
}
