/// What the server advertised in `RPL_ISUPPORT` (005): the parameters a client must honour.
public struct ISupport: Sendable, Equatable {
    public var casemapping: IRCCasemapping = .rfc1459
    /// Characters that start a channel name.
    public var channelTypes: Set<Character> = ["#", "&"] {
        didSet { asciiChannelTypes = ASCIIByteSet(channelTypes) }
    }
    /// Membership modes and their prefixes, highest first, e.g. `[("o", "@"), ("v", "+")]`.
    public var prefixes: [(mode: Character, prefix: Character)] = [("o", "@"), ("v", "+")]
    /// Channel modes that always take a parameter (list modes and type B), or only when set (type C).
    public var modesWithParameter: Set<Character> = ["b", "e", "I", "k"]
    public var modesWithParameterWhenSet: Set<Character> = ["l"]
    /// Prefixes that may precede a channel to address only members with that status (`@#ops`).
    public var statusMessagePrefixes: Set<Character> = [] {
        didSet { asciiStatusMessagePrefixes = ASCIIByteSet(statusMessagePrefixes) }
    }
    /// The ASCII ones among `channelTypes` and `statusMessagePrefixes`, for reading a target's first byte.
    private var asciiChannelTypes = ASCIIByteSet(["#", "&"])
    private var asciiStatusMessagePrefixes = ASCIIByteSet([])
    /// Maximum line length including CRLF (IRCv3 LINELEN); 512 unless raised.
    public var lineLength = 512
    /// The user mode that marks a bot (`BOT=B`), when the server has one.
    public var botMode: Character?
    /// The most messages `CHATHISTORY` returns per request, when the server supports it.
    public var chatHistoryLimit: Int?
    public var supportsWHOX = false
    public var monitorLimit: Int?
    public var nickLength: Int?
    /// Every token as received, for anything not modelled above.
    public var raw: [String: String] = [:]

    public init() {}

    public static func == (lhs: ISupport, rhs: ISupport) -> Bool {
        lhs.raw == rhs.raw && lhs.casemapping == rhs.casemapping
    }

    /// Applies the tokens of one 005 line (the parameters between the target and the trailing text).
    public mutating func apply(tokens: some Sequence<String>) {
        for token in tokens {
            if token.hasPrefix("-") {
                raw[String(token.dropFirst())] = nil
                reset(key: String(token.dropFirst()))
                continue
            }
            let parts = token.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            raw[key] = value
            apply(key: key, value: value)
        }
    }

    private mutating func apply(key: String, value: String) {
        switch key {
        case "CASEMAPPING": casemapping = IRCCasemapping(isupportValue: value)
        case "CHANTYPES": channelTypes = Set(value)
        case "PREFIX": prefixes = Self.parsePrefix(value) ?? prefixes
        case "CHANMODES": applyChannelModes(value)
        case "STATUSMSG": statusMessagePrefixes = Set(value)
        case "LINELEN": lineLength = max(512, Int(value) ?? 512)
        case "BOT": botMode = value.first
        case "CHATHISTORY": chatHistoryLimit = Int(value) ?? 0
        case "WHOX": supportsWHOX = true
        case "MONITOR": monitorLimit = Int(value) ?? 0
        case "NICKLEN": nickLength = Int(value)
        default: break
        }
    }

    private mutating func reset(key: String) {
        let defaults = ISupport()
        switch key {
        case "CASEMAPPING": casemapping = defaults.casemapping
        case "CHANTYPES": channelTypes = defaults.channelTypes
        case "PREFIX": prefixes = defaults.prefixes
        case "STATUSMSG": statusMessagePrefixes = []
        case "LINELEN": lineLength = 512
        case "BOT": botMode = nil
        case "CHATHISTORY": chatHistoryLimit = nil
        case "WHOX": supportsWHOX = false
        case "MONITOR": monitorLimit = nil
        default: break
        }
    }

    private mutating func applyChannelModes(_ value: String) {
        let groups = value.split(separator: ",", omittingEmptySubsequences: false).map(Set.init)
        guard groups.count >= 3 else { return }
        modesWithParameter = groups[0].union(groups[1])
        modesWithParameterWhenSet = groups[2]
    }

    /// Parses `(ov)@+` into mode/prefix pairs; nil when malformed.
    static func parsePrefix(_ value: String) -> [(mode: Character, prefix: Character)]? {
        if value.isEmpty { return [] }
        guard value.first == "(", let close = value.firstIndex(of: ")") else { return nil }
        let modes = value[value.index(after: value.startIndex)..<close]
        let symbols = value[value.index(after: close)...]
        guard modes.count == symbols.count else { return nil }
        return Array(zip(modes, symbols)).map { (mode: $0.0, prefix: $0.1) }
    }

    /// Whether `name` is a channel on this server (possibly behind a STATUSMSG prefix).
    public func isChannel(_ name: String) -> Bool {
        channelName(fromTarget: name) != nil
    }

    /// The channel a message target names, without a STATUSMSG prefix; nil for a nick.
    public func channelName(fromTarget target: String) -> Substring? {
        // Every chat line passes here: a target whose first character is one ASCII byte (`#ops`, `sitrep`) is
        // read on that byte; anything else takes the character rule below.
        let bytes = target.utf8
        if let first = bytes.first, first < 0x80, bytes.dropFirst().first.map({ $0 < 0x80 }) ?? true,
            !asciiStatusMessagePrefixes.contains(first)
        {
            return asciiChannelTypes.contains(first) ? Substring(target) : nil
        }
        var name = Substring(target)
        while let first = name.first, statusMessagePrefixes.contains(first), name.count > 1 {
            name = name.dropFirst()
        }
        guard let first = name.first, channelTypes.contains(first) else { return nil }
        return name
    }

    /// The membership mode for a prefix symbol (`@` → `o`).
    func mode(forPrefix symbol: Character) -> Character? {
        prefixes.first { $0.prefix == symbol }?.mode
    }

    func isMembershipMode(_ mode: Character) -> Bool {
        prefixes.contains { $0.mode == mode }
    }
}
