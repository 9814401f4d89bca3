/// Where the Matrix sync resumes, as stored in the `matrix` stream checkpoint: the cursor, and, when the bot
/// stopped inside a batch that ran commands, the events of that batch it had already handled.
///
/// A batch's lines are written with its `next_batch` in one transaction. A command inside the batch commits on
/// its own, so the service stores a *partial* point (the batch's own cursor and the events handled so far) just
/// before handling one, with the lines before it, and again once the command is applied and its sends went out,
/// now listing it. A restart asks for the batch again and skips the events listed: no line is recorded twice.
/// A command not listed may have been applied (its change commits with its own line) but not answered; it is
/// handled with `IncidentCoordinator.handleAgain`, which answers it without applying it twice.
///
/// Stored as lines: the cursor first, then one event id per line (ids and sync tokens contain no newline).
struct MatrixResumePoint: Equatable {
    /// The `since` to sync from; nil before the first sync.
    var since: String?
    /// Events of the batch fetched with `since` that were already handled.
    var handled: Set<String>

    init(since: String?, handled: Set<String> = []) {
        self.since = since
        self.handled = handled
    }

    /// The point a stored checkpoint describes (nil: none stored).
    init(stored: String?) {
        guard let stored else {
            self.init(since: nil)
            return
        }
        let lines = stored.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.init(since: lines[0], handled: Set(lines.dropFirst().filter { !$0.isEmpty }))
    }

    /// The checkpoint text.
    var stored: String {
        ([since ?? ""] + handled.sorted()).joined(separator: "\n")
    }
}
