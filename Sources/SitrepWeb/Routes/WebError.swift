import Hummingbird

/// Why a request was not answered with what it asked for. Each case knows its HTTP status and says, in words an
/// operator or a script author can act on, what was wrong; the same text goes into the HTML page and the JSON
/// body (`{"error": code, "reason": reason}`).
enum WebError: Error, Sendable, Equatable {
    /// The path's incident id is not a positive whole number.
    case badIncidentID(String)
    case noIncident(Int64)
    /// `?limit=` is not a whole number in range.
    case badLimit(String)
    /// No credentials, or wrong ones, for an internal view.
    case unauthorized(wrongCredentials: Bool)
    /// No token is configured, so the internal views are off.
    case internalViewsOff
    /// The store failed to answer (logged with the cause).
    case storeFailed

    var status: HTTPResponse.Status {
        switch self {
        case .badIncidentID, .badLimit: .badRequest
        case .noIncident: .notFound
        case .unauthorized: .unauthorized
        case .internalViewsOff: .forbidden
        case .storeFailed: .internalServerError
        }
    }

    /// The machine-readable `error` of the JSON body.
    var code: String {
        switch self {
        case .badIncidentID, .badLimit: "bad_request"
        case .noIncident: "not_found"
        case .unauthorized: "unauthorized"
        case .internalViewsOff: "forbidden"
        case .storeFailed: "store_failed"
        }
    }

    var heading: String {
        switch self {
        case .badIncidentID, .badLimit: "Bad request"
        case .noIncident: "No such incident"
        case .unauthorized: "Login required"
        case .internalViewsOff: "Internal views are off"
        case .storeFailed: "Something went wrong"
        }
    }

    var reason: String {
        switch self {
        case .badIncidentID(let text):
            "an incident id is a positive whole number, like /incidents/4; got \"\(text.prefix(40))\""
        case .noIncident(let id):
            "there is no incident \(id)"
        case .badLimit(let text):
            "limit must be a whole number from 1 to \(InternalRoutes.maxLimit); got \"\(text.prefix(40))\""
        case .unauthorized(let wrong):
            (wrong ? "that token is not valid; " : "")
                + "this view is internal: send Authorization: Bearer <token>, or log in with any user name and the "
                + "token as the password"
        case .internalViewsOff:
            "no access token is configured; the operator sets web.internal_token_env or web.internal_token_file"
        case .storeFailed:
            "the incident store could not be read; the operator finds the cause in sitrep's log"
        }
    }
}

/// The JSON body of an error.
struct ErrorBody: Encodable {
    let error: String
    let reason: String
}
