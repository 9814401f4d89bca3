import SitrepCore

/// Continues incidents' hash chains over new timeline entries, the same way in both stores: each entry gets the
/// next sequence of its incident and a SHA-256 chained from the one before it (`TimelineChain`).
///
/// A store tells it where each incident's chain stands (`start`, from what it reads inside its write
/// transaction) before adding that incident's entries; the builder keeps the heads as it goes, and `heads` says
/// where each touched chain ends for the store to record. Nothing is kept across transactions: a rolled-back batch
/// leaves no hole.
public struct TimelineChainBuilder {
    /// A position in an incident's chain: an entry's sequence and hash.
    public struct Link: Sendable, Equatable {
        public var sequence: Int64
        public var hash: ChainHash

        public init(sequence: Int64, hash: ChainHash) {
            self.sequence = sequence
            self.hash = hash
        }
    }

    private let hasher = SHA256ChainHasher()
    private var links: [Int64: Link] = [:]
    /// The incidents that got entries, in the order they first did.
    public private(set) var touched: [Int64] = []
    private var touchedSet: Set<Int64> = []
    /// The incident of the last entry added (entries come in runs of one incident).
    private var lastTouched: Int64?
    private var scratch: [UInt8] = []

    public init() {
        scratch.reserveCapacity(512)
    }

    /// Where `incidentID`'s chain stands in this builder; nil until `start`.
    public func head(of incidentID: Int64) -> Link? {
        links[incidentID]
    }

    /// The start of an empty timeline's chain.
    public func genesis(of incidentID: Int64) -> Link {
        Link(sequence: 0, hash: hasher.genesis(incidentID: incidentID))
    }

    /// Sets where `incidentID`'s chain stands before its entries are added: the stored head, or `genesis`.
    public mutating func start(_ incidentID: Int64, at link: Link) {
        links[incidentID] = link
    }

    /// The link of `entry`, the next of its incident's chain; throws `unknownIncident` when that chain was not
    /// started.
    public mutating func add(_ entry: TimelineEntry) throws -> Link {
        guard var link = links[entry.incidentID] else { throw StoreError.unknownIncident(entry.incidentID) }
        if entry.incidentID != lastTouched {
            if touchedSet.insert(entry.incidentID).inserted { touched.append(entry.incidentID) }
            lastTouched = entry.incidentID
        }
        link.sequence += 1
        link.hash = hasher.link(entry, sequence: link.sequence, previous: link.hash, scratch: &scratch)
        links[entry.incidentID] = link
        return link
    }

    /// The last link of each incident that got entries, in incident id order: what a store records as its heads.
    public var heads: [(incidentID: Int64, link: Link)] {
        touched.sorted().map { ($0, links[$0]!) }
    }
}
