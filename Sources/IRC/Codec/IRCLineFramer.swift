/// Splits a received byte stream into IRC lines, incrementally and without I/O.
///
/// Lines end at LF; a CR just before the LF is dropped (a bare LF is accepted too) and empty lines are skipped.
/// Memory is bounded: a line longer than `maxLineLength` bytes is discarded (up to its LF, even if the LF has not
/// arrived yet) and reported once as `.lineTooLong`, so a peer that never sends LF cannot exhaust memory.
/// The events produced do not depend on how the stream was chunked.
public struct IRCLineFramer: Sendable {
    /// The default limit: 8191 bytes of tags plus 512 bytes of message (RFC 1459 + IRCv3 message-tags).
    public static let defaultMaxLineLength = 8191 + 512

    /// What the framer found next in the stream.
    public enum Event: Hashable, Sendable {
        /// A complete line without its CR/LF; never empty.
        case line(ArraySlice<UInt8>)
        /// A line longer than `maxLineLength` was discarded; worth a log line, then keep reading.
        case lineTooLong
    }

    /// The longest line (without CR/LF) that is delivered.
    public let maxLineLength: Int
    /// How many lines were discarded for being too long, since creation.
    public private(set) var discardedLineCount = 0

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var scanIndex = 0
    private var discarding = false

    public init(maxLineLength: Int = IRCLineFramer.defaultMaxLineLength) {
        precondition(maxLineLength > 0, "maxLineLength must be positive")
        self.maxLineLength = maxLineLength
    }

    /// Adds received bytes. Lines already returned by `next()` remain valid (they are copies on write).
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0, readIndex >= buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next line or event, or `nil` when more bytes are needed.
    public mutating func next() -> Event? {
        while true {
            guard let lf = findLineFeed() else { return overflowIfNeeded() }
            let wasDiscarding = discarding
            discarding = false
            var end = lf
            if end > readIndex, buffer[end - 1] == .cr { end -= 1 }
            let start = readIndex
            readIndex = lf + 1
            scanIndex = readIndex
            if wasDiscarding { continue }
            if end - start > maxLineLength {
                discardedLineCount += 1
                return .lineTooLong
            }
            if end > start { return .line(buffer[start..<end]) }
        }
    }

    /// The next complete line, skipping (and counting) lines that were too long.
    public mutating func nextLine() -> ArraySlice<UInt8>? {
        while let event = next() {
            if case .line(let line) = event { return line }
        }
        return nil
    }

    private mutating func findLineFeed() -> Int? {
        while scanIndex < buffer.count {
            if buffer[scanIndex] == .lf { return scanIndex }
            scanIndex += 1
        }
        return nil
    }

    /// Without an LF in sight: drop what is buffered once it can no longer be a valid line (a CR may follow).
    private mutating func overflowIfNeeded() -> Event? {
        if discarding {
            readIndex = buffer.count
            scanIndex = readIndex
            return nil
        }
        guard buffer.count - readIndex > maxLineLength + 1 else { return nil }
        readIndex = buffer.count
        scanIndex = readIndex
        discarding = true
        discardedLineCount += 1
        return .lineTooLong
    }
}
