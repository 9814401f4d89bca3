/// `GET /rooms/{roomId}/messages?dir=b&from=…&to=…`: a page of a room's history, used to fill the gap a
/// `limited` live timeline leaves (`MatrixSyncBatch.Gap`).
///
/// With `dir=b` the `chunk` runs newest first; `end` is where the next page continues. *Observed* on Synapse 1.163:
/// `end` is present even when the page reached `to`, so a page shorter than the limit is the last one.
public struct MatrixMessagesResponse: Sendable, Equatable, Decodable {
    public var chunk: [MatrixEvent]
    public var start: String
    public var end: String?

    public init(chunk: [MatrixEvent], start: String, end: String?) {
        self.chunk = chunk
        self.start = start
        self.end = end
    }

    /// The page's events oldest first, the order they go into a timeline.
    public var chronological: [MatrixEvent] { chunk.reversed() }

    /// True when there is nothing more to fetch between here and `to`, for a page asked with `limit`.
    public func isComplete(limit: Int) -> Bool { end == nil || chunk.count < limit }
}
