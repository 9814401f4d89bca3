/// What the chat actions being produced right now are the consequence of, as a task-local value: the chat event
/// being handled (its id), or a claimed side effect (`timer INC-4/escalation/1`). A network that offers
/// idempotent sends (Matrix transaction ids) derives its ids from it, so the same cause sent again, by a retry,
/// a restart or the other instance of a pair, is posted once.
public enum ChatCause {
    @TaskLocal public static var current: String?
}
