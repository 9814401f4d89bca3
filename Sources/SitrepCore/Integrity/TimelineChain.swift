/// The tamper-evident hash chain over an incident's timeline: its canonical encoding and how links are made.
///
/// Anyone holding a copy of a timeline (a JSON export) can recompute the chain with this description and any
/// SHA-256 implementation:
///
///     genesis(id) = SHA256(UTF-8 of "sitrep-timeline-v1|incident|" + id in decimal, e.g. "…|incident|42")
///     hash(1)     = SHA256(genesis(id)  || encoding(entry 1))
///     hash(n)     = SHA256(hash(n - 1) || encoding(entry n))      (32-byte binary hashes, not hex)
///     head        = hash of the last entry (genesis for an incident with no entries)
///
/// `encoding(entry)` is the concatenation, in this order, of:
///
///     incident_id    8 bytes, signed 64-bit big-endian (two's complement)
///     seq            8 bytes, signed 64-bit big-endian
///     time_ms        8 bytes, signed 64-bit big-endian, milliseconds since the Unix epoch (UTC)
///     kind           string   (the raw value: "message", "lifecycle", …)
///     author         string
///     account        optional string
///     text           string
///     detail         optional string
///
/// where a *string* is its UTF-8 byte count as an unsigned 64-bit big-endian integer followed by those bytes,
/// and an *optional string* is one byte 0x00 when absent, or one byte 0x01 followed by the string. Every field
/// is fixed-width or length-prefixed, so two different entries never encode alike (`("ab", "c")` and
/// `("a", "bc")` differ in their length prefixes, an absent account differs from an empty one).
///
/// `key_event` is deliberately not hashed: it is a later annotation (`/mark` sets it on an existing entry), not
/// part of what was said or done, and marking must not rewrite the chain. A changed key-event flag is therefore
/// not detected; everything else about an entry is.
public enum TimelineChain {
    /// Names this encoding; a future incompatible encoding gets a new version and a new genesis.
    public static let version = "sitrep-timeline-v1"

    /// The bytes whose SHA-256 is the genesis value of `incidentID`'s chain.
    public static func genesisInput(incidentID: Int64) -> [UInt8] {
        Array("\(version)|incident|\(incidentID)".utf8)
    }

    /// Appends the canonical encoding of `entry`, numbered `sequence`, to `buffer`. `isKeyEvent` is ignored.
    public static func encode(_ entry: TimelineEntry, sequence: Int64, into buffer: inout [UInt8]) {
        append(entry.incidentID, to: &buffer)
        append(sequence, to: &buffer)
        append(entry.time.milliseconds, to: &buffer)
        append(entry.kind.rawValue, to: &buffer)
        append(entry.author, to: &buffer)
        append(optional: entry.account, to: &buffer)
        append(entry.text, to: &buffer)
        append(optional: entry.detail?.encoded, to: &buffer)
    }

    /// The canonical encoding of `entry` at its own sequence.
    public static func encoding(of entry: TimelineEntry) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(entry, sequence: entry.sequence, into: &buffer)
        return buffer
    }

    private static func append(_ value: Int64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private static func append(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeBytes(of: UInt64(bytes.count).bigEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: bytes)
        }
    }

    private static func append(optional text: String?, to buffer: inout [UInt8]) {
        guard let text else {
            buffer.append(0)
            return
        }
        buffer.append(1)
        append(text, to: &buffer)
    }
}

/// A SHA-256 implementation for the chain. SitrepCore has no cryptography of its own; the store provides one
/// (swift-crypto), tests may provide another.
public protocol TimelineChainHasher: Sendable {
    /// SHA-256 of `bytes`.
    func sha256(_ bytes: UnsafeRawBufferPointer) -> ChainHash
}

extension TimelineChainHasher {
    /// The value the first entry of `incidentID` chains from.
    public func genesis(incidentID: Int64) -> ChainHash {
        TimelineChain.genesisInput(incidentID: incidentID).withUnsafeBytes { sha256($0) }
    }

    /// The hash of `entry` numbered `sequence`, chained from `previous`. `scratch` is reused between calls so
    /// a batch allocates once.
    public func link(
        _ entry: TimelineEntry, sequence: Int64, previous: ChainHash, scratch: inout [UInt8]
    ) -> ChainHash {
        scratch.removeAll(keepingCapacity: true)
        previous.append(to: &scratch)
        TimelineChain.encode(entry, sequence: sequence, into: &scratch)
        return scratch.withUnsafeBytes { sha256($0) }
    }

    /// The hash of `entry` at its own sequence, chained from `previous`.
    public func link(_ entry: TimelineEntry, previous: ChainHash) -> ChainHash {
        var scratch: [UInt8] = []
        return link(entry, sequence: entry.sequence, previous: previous, scratch: &scratch)
    }
}
