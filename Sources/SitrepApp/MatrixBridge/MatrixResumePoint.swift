/// Where the Matrix sync resumes, as stored in the `matrix` stream checkpoint: the cursor, and, when the bot
/// stopped inside a batch that ran commands, the events of that batch it had already handled.
///
/// A batch's lines are written with its `next_batch` in one transaction. A command inside the batch commits on
/// its own, so just before handling one the service stores a *partial* point (the batch's own cursor and the
/// events handled so far, the command included) with the lines before it. A restart then asks for the batch
/// again and skips the events listed: no line is recorded twice and no command runs twice (one that was about to
/// commit when the process died is not run at all; nothing was posted for it, and it can be typed again).
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
