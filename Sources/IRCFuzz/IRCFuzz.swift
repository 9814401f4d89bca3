import IRC

/// libFuzzer entry point: frames the input as a received byte stream, parses every line, re-serializes each
/// message and checks the serializer's guarantees (no CR/LF/NUL, byte limits, parse round trip of the command).
/// A violated invariant stops the process with a precondition failure, which libFuzzer reports as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    var framer = IRCLineFramer(maxLineLength: 1024)
    framer.append(bytes)
    while let event = framer.next() {
        guard case .line(let line) = event else { continue }
        precondition(!line.isEmpty && !line.contains(0x0A) && line.count <= 1024, "framer delivered a bad line")
        guard let message = try? IRCMessageParser.parse(line) else { continue }
        checkSerialization(of: message)
    }
    if let text = String(validating: bytes, as: UTF8.self) {
        let pieces = IRCTextSplitter(budget: 8 + size % 64).split(text)
        for piece in pieces {
            precondition(!piece.isEmpty && piece.utf8.count <= 8 + size % 64, "splitter produced a bad piece")
            precondition(!piece.utf8.contains(0x0A) && !piece.utf8.contains(0x0D), "splitter kept a line break")
        }
        _ = IRCFormatting.strip(text)
        _ = CTCP.parse(text)
        _ = ServerTime.parse(text)
        if let decoded = Base64.decode(text) { precondition(Base64.decode(Base64.encode(decoded)) == decoded) }
    }
    return 0
}

private func checkSerialization(of message: IRCMessage) {
    guard let wire = try? IRCMessageSerializer.serialize(message) else { return }
    precondition(!wire.contains(0x0D) && !wire.contains(0x0A) && !wire.contains(0), "CR/LF/NUL on the wire")
    var body = wire[...]
    if wire.first == UInt8(ascii: "@") {
        let space = wire.firstIndex(of: UInt8(ascii: " "))!
        precondition(space + 1 <= IRCMessageSerializer.maxTagSectionLength, "tag section too long")
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
}
