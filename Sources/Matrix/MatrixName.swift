/// The shapes of Matrix names, told apart from IRC names by their sigil and server part.
public enum MatrixName {
    /// Whether `target` has the shape of a Matrix room id (`!x:server`, or `!x` from room version 12 on), room
    /// alias (`#x:server`) or user id (`@x:server`). An IRC "safe channel" (`!ABCDEops`) looks like a room id;
    /// sitrep does not use those.
    public static func isMatrixName(_ target: String) -> Bool {
        guard let sigil = target.first, target.count > 1, !target.contains(" ") else { return false }
        if sigil == "!" { return true }
        guard "#@".contains(sigil), let colon = target.firstIndex(of: ":") else { return false }
        return colon > target.index(after: target.startIndex) && target.index(after: colon) < target.endIndex
    }
}
