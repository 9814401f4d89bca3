import IRC

/// libFuzzer entry point for the IRC codec. For each input it
/// - frames the bytes as a received stream (whole, and again in small chunks: the events must be identical),
///   parses every line, re-serializes each message and checks the serializer's guarantees;
/// - uses the input (lossily decoded) as hostile chat text and tag values in an outgoing message;
/// - splits it with `IRCTextSplitter` and runs the other pure helpers on it.
/// A violated invariant stops the process with a precondition failure, which libFuzzer reports as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let events = frame(bytes, chunkSize: size)
    if size <= 4_096 {
        precondition(frame(bytes, chunkSize: 1 + size % 7) == events, "framing depends on chunk size")
    }
    for case .line(let line) in events {
        precondition(!line.isEmpty && !line.contains(0x0A) && line.count <= 1_024, "framer delivered a bad line")
        guard let message = try? IRCMessageParser.parse(line) else { continue }
        checkSerialization(of: message)
    }
    let text = String(decoding: bytes, as: UTF8.self)
    checkSerialization(
        of: IRCMessage(
            tags: [IRCMessage.Tag(key: "+draft/reply", value: text)],
            source: IRCSource(nick: "sitrep", user: "u", host: "h"),
            command: "PRIVMSG",
            parameters: ["#ops", text]
        )
    )
    let budget = 4 + size % 64
    let pieces = IRCTextSplitter(budget: budget).split(text)
    for piece in pieces {
        precondition(!piece.isEmpty && piece.utf8.count <= budget, "splitter produced a bad piece")
        precondition(!piece.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 }, "splitter kept a control byte")
    }
    if !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0 }) {
        precondition(rebuilds(text, from: pieces), "splitter pieces do not rebuild the text")
    }
    _ = IRCFormatting.strip(text)
    _ = CTCP.parse(text)
    if let milliseconds = ServerTime.parse(text), (0..<253_402_300_800_000).contains(milliseconds) {
        precondition(ServerTime.parse(ServerTime.format(milliseconds)) == milliseconds, "server-time round trip")
    }
    if let decoded = Base64.decode(text) { precondition(Base64.decode(Base64.encode(decoded)) == decoded) }
    return 0
}

private func frame(_ bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> [IRCLineFramer.Event] {
    var framer = IRCLineFramer(maxLineLength: 1_024)
    var events: [IRCLineFramer.Event] = []
    var start = 0
    while start < bytes.count {
        framer.append(bytes[start..<min(start + max(chunkSize, 1), bytes.count)])
        start += max(chunkSize, 1)
        while let event = framer.next() { events.append(event) }
    }
    return events
}

private func checkSerialization(of message: IRCMessage) {
    guard let wire = try? IRCMessageSerializer.serialize(message) else { return }
    precondition(!wire.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }, "CR/LF/NUL on the wire")
    var body = wire[...]
    if wire.first == UInt8(ascii: "@") {
        let space = wire.firstIndex(of: UInt8(ascii: " "))!
        precondition(space - 1 <= IRCMessageSerializer.clientMaxTagDataLength, "tag data too long")
        body = wire[(space + 1)...]
    }
    precondition(body.count <= IRCMessageSerializer.maxBodyLength, "message body too long")
    guard let reparsed = try? IRCMessageParser.parse(wire) else {
        preconditionFailure("serialized message does not parse")
    }
    precondition(reparsed.command == message.command, "command changed in a round trip")
    precondition(reparsed.source == message.source, "source changed in a round trip")
    precondition(reparsed.parameters.count == message.parameters.count, "parameter count changed in a round trip")
    precondition(reparsed.parameters.dropLast() == message.parameters.dropLast(), "middle parameters changed")
    if let sent = message.parameters.last, let received = reparsed.parameters.last {
        let sanitized = sent.utf8.map { $0 == 0x0D || $0 == 0x0A || $0 == 0 ? UInt8(ascii: " ") : $0 }
        precondition(sanitized.starts(with: received.utf8), "last parameter is not a prefix of what was sent")
    }
}

/// Whether `pieces` are `text` in order, with at most one space (the one cut on) dropped after each piece. Runs of
/// spaces make the walk ambiguous, so every reachable offset is followed.
private func rebuilds(_ text: String, from pieces: [String]) -> Bool {
    let bytes = Array(text.utf8)
    let space = UInt8(ascii: " ")
    var reachable: Set<Int> = [0]
    for (index, piece) in pieces.enumerated() {
        let expected = Array(piece.utf8)
        var next: Set<Int> = []
        for end in reachable {
            if bytes[end...].starts(with: expected) { next.insert(end + expected.count) }
            if index > 0, end < bytes.count, bytes[end] == space, bytes[(end + 1)...].starts(with: expected) {
                next.insert(end + 1 + expected.count)
            }
        }
        reachable = next
    }
    let droppedLastSpace = !pieces.isEmpty && reachable.contains(bytes.count - 1) && bytes.last == space
    return reachable.contains(bytes.count) || droppedLastSpace
}
