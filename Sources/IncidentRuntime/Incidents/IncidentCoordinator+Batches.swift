import Commands
import SitrepCore

/// Chat events in batches, as the IRC client reads them (one batch per socket read): the lines that only need
/// recording go to the timeline writer together, so a flood into an incident channel costs one hand-off per read
/// rather than two per line.
extension IncidentCoordinator {
    /// `events` in order. A line that only needs recording (a line in an open incident's channel that is not a
    /// command, not addressed to the bot and not the lead's) is collected; any other event first has the lines
    /// before it appended, then runs as `handle(_:)`. The timeline order is the events' order.
    public func handle(batch events: [ChatEvent]) async {
        var lines: [TimelineEntry] = []
        lines.reserveCapacity(events.count)
        // What a channel means for recording, looked up once per channel per run of recorded lines (the lines of a
        // read are nearly always from one channel); forgotten whenever an event runs in full, as that may change it.
        var channels = RecordingChannels()
        // By index: iterating by value would copy each event's strings.
        for index in events.indices {
            if let line = lineOnlyRecorded(events[index], channels: &channels) {
                lines.append(line)
                continue
            }
            if !lines.isEmpty {
                await writer.append(lines)
                lines = []
                lines.reserveCapacity(events.count - index)
            }
            await handle(events[index])
            channels = RecordingChannels()
        }
        if !lines.isEmpty { await writer.append(lines) }
    }

    /// The timeline entry of `event` when recording it is all `handle(_:)` would do with it; nil otherwise.
    private func lineOnlyRecorded(_ event: ChatEvent, channels: inout RecordingChannels) -> TimelineEntry? {
        guard !event.isOwn, case .message(let text, let style) = event.kind, let channel = event.channel else {
            return nil
        }
        if let fence, !fence.mayAct() { return nil }
        let facts = channels.facts(of: channel.name) { recordingFacts(of: channel.name) }
        guard let incidentID = facts.incidentID else { return nil }
        if let lead = facts.lead, lead.isSameIdentity(as: event.sender.identity) { return nil }
        if style == .plain {
            let plain = network.plainText(text)
            if CommandInvocation.couldBeCommand(plain, prefix: facts.prefix) { return nil }
            if facts.namesMayHaveSpaces, CommandInvocation.mayAddressASpacedName(plain) { return nil }
        }
        return TimelineEntry(recording: event, in: incidentID)
    }

    /// What the coordinator's state says about recording a line in `channel` right now.
    private func recordingFacts(of channel: String) -> RecordingChannels.Facts {
        let incidentID = open.recordedIncidentID(channelKey: network.nameKey(channel))
        return RecordingChannels.Facts(
            incidentID: incidentID, lead: incidentID.flatMap { open.incident(id: $0)?.lead?.identity },
            prefix: network.commandPrefix(in: channel), namesMayHaveSpaces: network.botNamesMayHaveSpaces(in: channel))
    }
}

/// The recording facts of the channels seen in one run of a batch, by the channel's name as the event gave it.
struct RecordingChannels {
    struct Facts {
        /// The incident whose timeline records the channel; nil when nothing is recorded there.
        var incidentID: Int64?
        /// The lead of that incident, whose lines also count as the lead speaking (so they run in full).
        var lead: ChatIdentity?
        /// The command prefix in the channel.
        var prefix: String
        /// Whether a line there may address the bot by a name with a space.
        var namesMayHaveSpaces: Bool
    }

    private var last: (channel: String, facts: Facts)?

    /// The facts of `channel`, from `lookUp` the first time it comes in a row.
    mutating func facts(of channel: String, _ lookUp: () -> Facts) -> Facts {
        if let last, last.channel == channel { return last.facts }
        let facts = lookUp()
        last = (channel, facts)
        return facts
    }
}
