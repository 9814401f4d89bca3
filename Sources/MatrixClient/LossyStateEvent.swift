import Matrix

/// One element of a room's state: an event that does not decode is skipped rather than failing the whole answer.
struct LossyStateEvent: Decodable {
    var event: MatrixEvent?

    init(from decoder: any Decoder) throws {
        event = try? MatrixEvent(from: decoder)
    }
}
