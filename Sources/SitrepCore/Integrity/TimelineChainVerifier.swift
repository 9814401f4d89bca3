/// Recomputes an incident's chain from its stored entries, read in sequence order, and says whether it is
/// intact or where and how it was tampered with. A pure state machine: the store feeds rows as it reads them
/// (`entryRead`), then calls `endReached` with the head it recorded; memory stays constant.
///
/// How a mismatch is told apart, looking one entry ahead:
/// - a gap in sequences: *removed*;
/// - the next entry chains from this entry's recorded hash: this entry's content was *altered*;
/// - the next entry chains from the hash this entry's content gives: its recorded hash was *altered*;
/// - the next entry chains from the entry before this one: this one was *inserted*;
/// - the next entry chains from here once renumbered down (up): an entry was *inserted* (*removed*) and the
///   later ones renumbered;
/// - the last entry: judged against the recorded head the same way; past the head it was *inserted*;
/// - otherwise its hash matches nothing: *inserted* (forged or replaced).
public struct TimelineChainVerifier<Hasher: TimelineChainHasher> {
    private struct Suspect {
        var entry: TimelineEntry
        var stored: ChainHash?
        var computed: ChainHash
    }

    private enum State {
        case following
        /// An entry whose hash did not match, judged by what comes after it.
        case suspect(Suspect)
        case finished(ChainVerification)
    }

    private let hasher: Hasher
    private var state = State.following
    private var previous: ChainHash
    private var expectedSequence: Int64 = 1
    private var count = 0
    private var scratch: [UInt8] = []

    public init(incidentID: Int64, hasher: Hasher) {
        self.hasher = hasher
        previous = hasher.genesis(incidentID: incidentID)
    }

    /// The next stored entry (sequences ascending) and its recorded hash (nil if it has none). Returns the
    /// verdict as soon as the chain is known to be broken; later calls return it again.
    public mutating func entryRead(_ entry: TimelineEntry, hash stored: ChainHash?) -> ChainVerification? {
        switch state {
        case .finished(let verdict):
            return verdict
        case .suspect(let suspect):
            return finish(judging: suspect, next: entry, nextHash: stored)
        case .following:
            guard entry.sequence == expectedSequence else {
                return finish(gapBefore: entry.sequence)
            }
            let computed = link(entry, sequence: entry.sequence, from: previous)
            guard computed == stored else {
                state = .suspect(Suspect(entry: entry, stored: stored, computed: computed))
                return nil
            }
            previous = computed
            expectedSequence += 1
            count += 1
            return nil
        }
    }

    /// No more entries. `recordedHead` is the head the store kept apart from the entries (sequence 0 and the
    /// genesis value if it recorded none); it exposes entries removed or added at the end of the timeline.
    public mutating func endReached(recordedHead: ChainHead) -> ChainVerification {
        switch state {
        case .finished(let verdict):
            return verdict
        case .suspect(let suspect):
            return finish(judgingLast: suspect, head: recordedHead)
        case .following:
            let last = expectedSequence - 1
            if recordedHead.sequence > last {
                let missing = recordedHead.sequence - last
                return finish(
                    at: expectedSequence,
                    .removed,
                    "the last \(missing) entries are missing; the recorded head is entry \(recordedHead.sequence)")
            }
            if recordedHead.sequence < last {
                return finish(
                    at: recordedHead.sequence + 1,
                    .inserted,
                    "entries past the recorded head (entry \(recordedHead.sequence)) were added")
            }
            guard recordedHead.hash == previous else {
                return finish(at: max(last, 1), .altered, "the recorded chain head does not match the entries")
            }
            let verdict = ChainVerification.intact(count: count, head: previous)
            state = .finished(verdict)
            return verdict
        }
    }

    private mutating func finish(gapBefore sequence: Int64) -> ChainVerification {
        guard sequence > expectedSequence else {
            return finish(at: sequence, .inserted, "an entry out of sequence order")
        }
        let missing = sequence - expectedSequence
        let which = missing == 1 ? "entry \(expectedSequence) is" : "entries \(expectedSequence)–\(sequence - 1) are"
        return finish(at: expectedSequence, .removed, "\(which) missing")
    }

    private mutating func finish(judging suspect: Suspect, next: TimelineEntry, nextHash: ChainHash?)
        -> ChainVerification
    {
        let sequence = suspect.entry.sequence
        if let stored = suspect.stored, link(next, sequence: next.sequence, from: stored) == nextHash {
            return finish(at: sequence, .altered, "the entry no longer matches its hash; the next entry vouches for the hash")
        }
        if link(next, sequence: next.sequence, from: suspect.computed) == nextHash {
            return finish(at: sequence, .altered, "the entry's recorded hash was changed; its content is original")
        }
        if link(next, sequence: next.sequence, from: previous) == nextHash {
            return finish(at: sequence, .inserted, "the entry is not in the chain; the next entry chains past it")
        }
        if next.sequence == sequence + 1, link(next, sequence: sequence, from: previous) == nextHash {
            return finish(at: sequence, .inserted, "an entry was inserted here and the later entries renumbered")
        }
        if let stored = suspect.stored, link(next, sequence: next.sequence + 1, from: stored) == nextHash {
            return finish(at: sequence, .removed, "an entry was removed here and the later entries renumbered")
        }
        return finish(at: sequence, .inserted, "the entry's hash matches nothing in the chain")
    }

    private mutating func finish(judgingLast suspect: Suspect, head: ChainHead) -> ChainVerification {
        let sequence = suspect.entry.sequence
        if head.sequence == sequence, let stored = suspect.stored, head.hash == stored {
            return finish(at: sequence, .altered, "the entry no longer matches its hash; the recorded head vouches for the hash")
        }
        if head.sequence == sequence, head.hash == suspect.computed {
            return finish(at: sequence, .altered, "the entry's recorded hash was changed; its content is original")
        }
        if head.sequence < sequence, head.hash == previous {
            return finish(at: sequence, .inserted, "the entry is past the recorded head (entry \(head.sequence))")
        }
        return finish(at: sequence, .inserted, "the entry's hash matches nothing in the chain")
    }

    private mutating func finish(at sequence: Int64, _ kind: ChainBreak.Kind, _ explanation: String)
        -> ChainVerification
    {
        let verdict = ChainVerification.broken(firstBadSequence: sequence, reason: ChainBreak(kind, explanation))
        state = .finished(verdict)
        return verdict
    }

    private mutating func link(_ entry: TimelineEntry, sequence: Int64, from previous: ChainHash) -> ChainHash {
        hasher.link(entry, sequence: sequence, previous: previous, scratch: &scratch)
    }
}
