/// One HTTP exchange with the homeserver as `MatrixClient`'s retry loop sees it.
struct MatrixExchange {
    var status: Int
    var retryAfter: String?
    var body: [UInt8]

    /// How one try ended: an answer (of any status), or a network failure that may be retried.
    enum Outcome {
        case response(MatrixExchange)
        case transportFailed(String)
    }
}
