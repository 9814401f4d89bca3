/// Raising one person's power level in an `m.room.power_levels` content, as sitrep does for an incident's lead
/// and role holders: everything else in the content is kept as it was, and nobody is ever lowered.
public enum MatrixPowerLevelRaise {
    /// `content` with `users[userID]` set to `level`, or nil when they already have `level` or more (their own
    /// entry, else `users_default`): there is nothing to write.
    public static func raising(
        _ userID: String, to level: Int64, in content: [String: MatrixJSONValue]
    ) -> [String: MatrixJSONValue]? {
        guard currentLevel(of: userID, in: content) < level else { return nil }
        var raised = content
        var users: [String: MatrixJSONValue] = [:]
        if case .object(let existing)? = content["users"] { users = existing }
        users[userID] = .integer(level)
        raised["users"] = .object(users)
        return raised
    }

    /// The level `content` gives `userID`: their `users` entry, else `users_default`, else 0.
    public static func currentLevel(of userID: String, in content: [String: MatrixJSONValue]) -> Int64 {
        if case .object(let users)? = content["users"], let level = users[userID]?.integerValue { return level }
        return content["users_default"]?.integerValue ?? 0
    }
}
