/// The outcome of recomputing an incident's hash chain (`TimelineIntegrityStore.verify`).
public enum ChainVerification: Sendable, Equatable, Codable {
    /// Every entry chains from the one before it and the last one is the recorded head.
    case intact(count: Int, head: ChainHash)
    /// The chain breaks at `firstBadSequence`: the first entry (by sequence) that was altered, removed or
    /// inserted. Entries after it are not judged.
    case broken(firstBadSequence: Int64, reason: ChainBreak)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }
}

/// Why a chain is broken, worded for the operator or auditor who reads `sitrep verify`.
public struct ChainBreak: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The entry is there but differs from what was hashed (or its recorded hash was changed).
        case altered
        /// Entries are missing: a gap in the sequences, or the timeline ends before the recorded head.
        case removed
        /// An entry that is not part of the chain: a hash that matches nothing, or entries past the head.
        case inserted
    }

    public var kind: Kind
    /// What exactly was found, e.g. `entries 57–58 are missing`.
    public var explanation: String

    public init(_ kind: Kind, _ explanation: String) {
        self.kind = kind
        self.explanation = explanation
    }

    /// `altered (the entry no longer matches its hash: …)`.
    public var description: String { "\(kind.rawValue) (\(explanation))" }
}
