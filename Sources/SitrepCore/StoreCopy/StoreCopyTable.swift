/// One table of sitrep's history as both stores hold it, for `sitrep migrate-store`: its columns in a neutral
/// form and the key it is read in order of.
///
/// The SQLite and PostgreSQL schemas name the same tables and columns; they differ in types (`services` is JSON
/// text in SQLite, `text[]` in PostgreSQL; `key_event` an integer or a `boolean`) and in the search index layout,
/// which each store maps to and from these columns. Not copied: `lease` (who is active belongs to the running
/// pair, not to the history) and the transcript index (`search_transcript`, contentless in SQLite; rebuilt from
/// the timeline by `reindexTranscripts`).
public struct StoreCopyTable: Sendable, Hashable, CustomStringConvertible {
    /// A column and the form its values take.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var kind: StoreCopyValue.Kind

        public init(_ name: String, _ kind: StoreCopyValue.Kind) {
            self.name = name
            self.kind = kind
        }
    }

    public var name: String
    public var columns: [Column]
    /// The first `keyCount` columns are the primary key; rows are copied in its order, in pages after a key.
    public var keyCount: Int

    public var description: String { name }
    public var columnNames: [String] { columns.map(\.name) }
    public var keyColumns: ArraySlice<Column> { columns.prefix(keyCount) }

    init(_ name: String, key keyCount: Int, _ columns: [Column]) {
        self.name = name
        self.keyCount = keyCount
        self.columns = columns
    }

    /// Every copied table, parents before the tables that refer to them.
    public static let all: [StoreCopyTable] = [
        incident, timeline, chainHead, followUp, timer, solution, alert, pageAttempt, searchText, meta, onCallOverride,
    ]
}

extension StoreCopyTable {
    public static let incident = StoreCopyTable(
        "incident", key: 1,
        [
            .init("id", .integer), .init("title", .text), .init("severity", .integer), .init("priority", .integer),
            .init("category", .text), .init("services", .textList), .init("state", .text),
            .init("channel_network", .text), .init("channel_name", .text), .init("declared_by", .text),
            .init("lead", .text), .init("roles", .text), .init("declared_at_ms", .integer),
            .init("acknowledged_at_ms", .integer), .init("acknowledged_by", .text),
            .init("mitigated_at_ms", .integer), .init("resolved_at_ms", .integer), .init("closed_at_ms", .integer),
            .init("root_cause", .text), .init("resolution", .text), .init("public_status", .text),
            .init("public_status_at_ms", .integer), .init("escalation_level", .integer),
            .init("last_escalated_at_ms", .integer), .init("snoozed_until_ms", .integer),
            .init("lead_last_spoke_at_ms", .integer),
        ])

    public static let timeline = StoreCopyTable(
        "timeline", key: 2,
        [
            .init("incident_id", .integer), .init("seq", .integer), .init("time_ms", .integer), .init("kind", .text),
            .init("author", .text), .init("account", .text), .init("text", .text), .init("detail", .text),
            .init("key_event", .boolean), .init("hash", .bytes),
        ])

    public static let chainHead = StoreCopyTable(
        "chain_head", key: 1, [.init("incident_id", .integer), .init("seq", .integer), .init("hash", .bytes)])

    public static let followUp = StoreCopyTable(
        "follow_up", key: 1,
        [
            .init("id", .integer), .init("incident_id", .integer), .init("text", .text), .init("owner", .text),
            .init("state", .text), .init("created_at_ms", .integer), .init("created_by", .text),
            .init("done_at_ms", .integer),
        ])

    /// Pending and fired timers alike: a fired row keeps replanning from bringing the timer back.
    public static let timer = StoreCopyTable(
        "timer", key: 3,
        [
            .init("incident_id", .integer), .init("kind", .text), .init("key", .text), .init("due_ms", .integer),
            .init("text", .text), .init("fired_ms", .integer),
        ])

    public static let solution = StoreCopyTable(
        "solution", key: 1,
        [
            .init("id", .integer), .init("incident_id", .integer), .init("text", .text), .init("category", .text),
            .init("services", .textList), .init("created_at_ms", .integer), .init("created_by", .text),
        ])

    public static let alert = StoreCopyTable(
        "alert", key: 1,
        [
            .init("id", .integer), .init("source", .text), .init("fingerprint", .text), .init("status", .text),
            .init("labels", .text), .init("annotations", .text), .init("url", .text),
            .init("starts_at_ms", .integer), .init("first_seen_ms", .integer), .init("last_seen_ms", .integer),
            .init("resolved_at_ms", .integer), .init("count", .integer), .init("incident_id", .integer),
        ])

    /// Every try at reaching a paged person (`PageAttempt`).
    public static let pageAttempt = StoreCopyTable(
        "page_attempt", key: 1,
        [
            .init("id", .text), .init("incident_id", .integer), .init("person_network", .text),
            .init("person_kind", .text), .init("person_name", .text), .init("method", .text),
            .init("address", .text), .init("step", .text), .init("status", .text), .init("reason", .text),
            .init("queued_at_ms", .integer), .init("updated_at_ms", .integer), .init("failed_tries", .integer),
            .init("first_failed_at_ms", .integer), .init("retry_at_ms", .integer),
        ])

    /// The indexed pieces of each incident (`SearchText.pieces`): `piece` counts an incident's pieces from 0,
    /// `field` is the piece's field name, `content` its text. Each store maps this to its own index layout.
    public static let searchText = StoreCopyTable(
        "search_text", key: 2,
        [.init("incident_id", .integer), .init("piece", .integer), .init("field", .text), .init("content", .text)])

    public static let meta = StoreCopyTable("meta", key: 1, [.init("name", .text), .init("value", .integer)])

    /// On-call overrides; `person` and `created_by` are JSON text in both stores.
    public static let onCallOverride = StoreCopyTable(
        "oncall_override", key: 1,
        [
            .init("id", .integer), .init("schedule", .text), .init("person", .text), .init("start_ms", .integer),
            .init("end_ms", .integer), .init("created_by", .text), .init("created_at_ms", .integer),
        ])
}
