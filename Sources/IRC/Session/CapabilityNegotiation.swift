/// Bookkeeping for IRCv3 capability negotiation (`CAP LS 302`, `REQ`, `ACK`, `NAK`, `NEW`, `DEL`).
struct CapabilityNegotiation: Sendable, Equatable {
    /// The capabilities sitrep uses when a server offers them.
    static let wanted: [String] = [
        "message-tags", "server-time", "account-tag", "account-notify", "extended-join", "echo-message",
        "batch", "labeled-response", "multi-prefix", "away-notify", "chghost", "setname", "cap-notify",
        "invite-notify", "userhost-in-names", "draft/chathistory", "draft/event-playback",
    ]

    /// True while the multi-line `CAP * LS * :…` reply is still coming.
    var listingInProgress = false
    /// REQs sent and not yet answered.
    var outstandingRequests = 0
    /// True once `CAP END` has been sent on this connection.
    var ended = false
    /// True while registration is held because SASL is required and the server does not offer it yet: right after
    /// an ircd restart the services are not linked, and `CAP NEW sasl` (cap-notify) follows within a second or two.
    var waitingForSASLOffer = false

    /// Parses `a b=c d` into names and values.
    static func parseList(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: " ").map { token in
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// Groups capability names into `CAP REQ` parameters that keep each line well under 512 bytes.
    static func requestLines(for names: [String], limit: Int = 400) -> [String] {
        ParameterPacking.pack(names, separator: " ", limit: limit)
    }
}

/// Where a SASL exchange stands on this connection.
struct SASLExchange: Sendable, Equatable {
    enum Step: Sendable, Equatable {
        case idle
        /// `AUTHENTICATE <mechanism>` sent; waiting for `AUTHENTICATE +`.
        case awaitingChallenge
        /// Credentials sent; waiting for 903/904/….
        case awaitingResult
        case succeeded
        case failed
    }

    var step: Step = .idle
}
