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
        for event in events {
            if let line = lineOnlyRecorded(event) {
                lines.append(line)
                continue
            }
            if !lines.isEmpty {
                await writer.append(lines)
                lines.removeAll(keepingCapacity: true)
            }
            await handle(event)
        }
        if !lines.isEmpty { await writer.append(lines) }
    }

    /// The timeline entry of `event` when recording it is all `handle(_:)` would do with it; nil otherwise.
    func lineOnlyRecorded(_ event: ChatEvent) -> TimelineEntry? {
        guard !event.isOwn, case .message(let text, let style) = event.kind, let channel = event.channel else {
            return nil
        }
        if let fence, !fence.mayAct() { return nil }
        guard let incidentID = open.recordedIncidentID(channelKey: network.nameKey(channel.name)) else { return nil }
        if let lead = open.incident(id: incidentID)?.lead, lead.identity.isSameIdentity(as: event.sender.identity) {
            return nil
        }
        if style == .plain {
            let plain = network.plainText(text)
            let prefix = network.commandPrefix(in: channel.name)
            if CommandInvocation.couldBeCommand(plain, prefix: prefix) { return nil }
            if network.botNamesMayHaveSpaces(in: channel.name), CommandInvocation.mayAddressASpacedName(plain) {
                return nil
            }
        }
        return TimelineEntry(recording: event, in: incidentID)
    }
}
