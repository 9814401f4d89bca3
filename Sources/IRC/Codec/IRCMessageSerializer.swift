/// Turns an `IRCMessage` into one wire line, **without** the terminating CRLF (the transport appends it).
///
/// Guarantees, for any input that does not throw:
/// - no CR, LF or NUL anywhere in the output: inside parameters they are replaced by a space (right for chat
///   text; a middle parameter that then contains a space is refused), in tag values they are escaped (NUL dropped);
/// - the part after the tags is at most 510 bytes (512 with CRLF): an overlong **last** parameter is truncated at a
///   UTF-8 scalar boundary (split long text with `IRCTextSplitter` first to avoid losing any); if the command and
///   the other parameters alone are too long, it throws;
/// - the tag data (between `@` and its space) is at most `maxTagDataLength` bytes, by default the 4094 bytes a
///   *client* may send (IRCv3 message-tags), never more than `maxTagSectionLength − 2`: a tag that does not fit is
///   dropped and later, smaller ones may still go (tags are optional metadata; the message itself still goes out);
/// - at most 15 parameters; the last one is written as a `:` trailing parameter when it needs to be.
public enum IRCMessageSerializer {
    /// The longest message without tags, excluding CRLF.
    public static let maxBodyLength = 510
    /// The longest tag section anyone may send, including the leading `@` and the trailing space.
    public static let maxTagSectionLength = 8191
    /// The most tag data (without `@` and the space) a client may send.
    public static let clientMaxTagDataLength = 4094
    /// The most parameters a message may carry.
    public static let maxParameters = 15

    /// The wire line for `message`, without CRLF; tags beyond `maxTagDataLength` bytes are dropped.
    public static func serialize(
        _ message: IRCMessage,
        maxTagDataLength: Int = clientMaxTagDataLength
    ) throws(IRCSerializeError) -> [UInt8] {
        var out = try tagSection(message.tags, limit: min(maxTagDataLength, maxTagSectionLength - 2))
        let bodyStart = out.count
        if let source = message.source {
            try validate(source)
            out.append(.colon)
            out += source.wireForm.utf8
            out.append(.space)
        }
        try appendCommand(message.command, to: &out)
        try appendParameters(message.parameters, to: &out, bodyStart: bodyStart)
        return out
    }

    /// The wire line for `message` followed by CRLF, ready to write to the socket.
    public static func serializeLine(
        _ message: IRCMessage,
        maxTagDataLength: Int = clientMaxTagDataLength
    ) throws(IRCSerializeError) -> [UInt8] {
        var line = try serialize(message, maxTagDataLength: maxTagDataLength)
        line += [.cr, .lf]
        return line
    }

    private static func appendCommand(_ command: String, to out: inout [UInt8]) throws(IRCSerializeError) {
        guard !command.isEmpty, command.utf8.allSatisfy({ $0.isASCIIAlphanumeric }) else {
            throw .invalidCommand(command)
        }
        out += command.utf8
    }

    private static func appendParameters(
        _ parameters: [String],
        to out: inout [UInt8],
        bodyStart: Int
    ) throws(IRCSerializeError) {
        guard parameters.count <= maxParameters else { throw .tooManyParameters(parameters.count) }
        for (index, parameter) in parameters.dropLast().enumerated() {
            let bytes = sanitized(parameter)
            guard let first = bytes.first, first != .colon, !bytes.contains(.space) else {
                throw .invalidMiddleParameter(index: index, value: parameter)
            }
            out.append(.space)
            out += bytes
        }
        guard let last = parameters.last else {
            if out.count - bodyStart > maxBodyLength { throw .lineTooLong(bytes: out.count - bodyStart) }
            return
        }
        var bytes = sanitized(last)
        let needsColon = bytes.isEmpty || bytes.first == .colon || bytes.contains(.space)
        let used = out.count - bodyStart
        if used + 1 + (needsColon ? 1 : 0) + bytes.count <= maxBodyLength {
            out.append(.space)
            if needsColon { out.append(.colon) }
            out += bytes
            return
        }
        let budget = maxBodyLength - used - 2
        guard budget >= 1 else { throw .lineTooLong(bytes: used) }
        let cut = UTF8Boundary.scalarBoundary(in: bytes, atOrBefore: budget)
        guard cut > 0 else { throw .lineTooLong(bytes: used) }
        bytes.removeSubrange(cut...)
        out += [.space, .colon]
        out += bytes
    }

    /// The parameter's bytes with CR, LF and NUL replaced by a space.
    private static func sanitized(_ parameter: String) -> [UInt8] {
        parameter.utf8.map { $0 == .cr || $0 == .lf || $0 == .nul ? .space : $0 }
    }

    private static func validate(_ source: IRCSource) throws(IRCSerializeError) {
        func clean(_ part: String, forbidding extra: [UInt8]) -> Bool {
            part.utf8.allSatisfy { $0 != .space && $0 != .cr && $0 != .lf && $0 != .nul && !extra.contains($0) }
        }
        let nickOK =
            !source.nick.isEmpty && source.nick.utf8.first != .colon
            && clean(source.nick, forbidding: [.bang, .atSign])
        let userOK = source.user.map { clean($0, forbidding: [.atSign]) } ?? true
        let hostOK = source.host.map { clean($0, forbidding: []) } ?? true
        guard nickOK, userOK, hostOK else { throw .invalidSource(source.wireForm) }
    }

    /// `@k=v;k2 ` for the tags that fit, or nothing when there are none.
    private static func tagSection(_ tags: [IRCMessage.Tag], limit: Int) throws(IRCSerializeError) -> [UInt8] {
        guard !tags.isEmpty else { return [] }
        var out: [UInt8] = [.at]
        for tag in tags {
            guard !tag.key.isEmpty, tag.key.utf8.allSatisfy({ $0.isTagKeyByte }) else { throw .invalidTagKey(tag.key) }
            var item = Array(tag.key.utf8)
            if let value = tag.value, !value.isEmpty {
                let escaped = IRCTagEscaping.escapedBytes(value)
                if !escaped.isEmpty { item += [.equals] + escaped }
            }
            let separator = out.count > 1 ? 1 : 0
            guard out.count - 1 + separator + item.count <= limit else { continue }
            if separator == 1 { out.append(.semicolon) }
            out += item
        }
        if out.count == 1 { return [] }
        out.append(.space)
        return out
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }

    var isTagKeyByte: Bool {
        isASCIIAlphanumeric || self == UInt8(ascii: "-") || self == UInt8(ascii: ".") || self == UInt8(ascii: "/")
            || self == UInt8(ascii: "+") || self == UInt8(ascii: "_")
    }
}

/// UTF-8 boundary helpers shared by the serializer and the text splitter.
enum UTF8Boundary {
    /// The largest offset `<= limit` that does not fall inside a multi-byte scalar.
    static func scalarBoundary(in bytes: some RandomAccessCollection<UInt8>, atOrBefore limit: Int) -> Int {
        guard limit < bytes.count else { return bytes.count }
        var offset = limit
        while offset > 0, isContinuation(bytes[bytes.index(bytes.startIndex, offsetBy: offset)]) { offset -= 1 }
        return offset
    }

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
