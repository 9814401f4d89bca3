import SitrepCore

/// The line between what stakeholders see and what stays internal, decided by an explicit allow-list.
///
/// Public: `/update`s and the lifecycle entries that tell where an incident stands (declared, acknowledged, state
/// changes, severity, lead, priority, category, affected services). Internal: everything else — every transcript
/// line (messages, notices, actions, joins, parts, quits, nick changes, kicks, topics, modes), the bot's own lines,
/// notes, marks, solutions, recording gaps, refusals, factors, lessons, and the lifecycle entries that name pagers,
/// reminders, follow-ups, containment steps or the root cause before the review. A kind added to
/// `TimelineEntry.Kind` later is internal until it is added here.
public enum PublicTimeline {
    /// Entry kinds that may be public at all.
    public static let publicKinds: Set<TimelineEntry.Kind> = [.lifecycle, .update]

    /// Whether stakeholders may see `entry`.
    public static func isPublic(_ entry: TimelineEntry) -> Bool {
        guard publicKinds.contains(entry.kind) else { return false }
        return entry.kind == .update || event(of: entry) != nil
    }

    /// The public name of a lifecycle entry's action (`declared`, `state`…), or nil when it is not public: the
    /// allow-list of lifecycle actions, by the entry's `detail`.
    public static func event(of entry: TimelineEntry) -> String? {
        guard entry.kind == .lifecycle else { return nil }
        switch entry.detail {
        case .declare: return "declared"
        case .acknowledged: return "acknowledged"
        case .state: return "state"
        case .severity: return "severity"
        case .lead: return "lead"
        case .priority: return "priority"
        case .category: return "category"
        case .services: return "services"
        default: return nil
        }
    }

    /// The public lifecycle entries of `entries`, in order.
    public static func history(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        entries.filter { $0.kind == .lifecycle && event(of: $0) != nil }
    }

    /// The `/update`s of `entries`, in order.
    public static func updates(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        entries.filter { $0.kind == .update }
    }
}
