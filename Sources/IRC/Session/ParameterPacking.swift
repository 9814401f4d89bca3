/// Packs list items (capability names, channels) into as few parameters as fit a byte limit, in order:
/// `CAP REQ :a b c`, `JOIN #a,#b,#c`. An item longer than the limit gets a parameter of its own.
enum ParameterPacking {
    static func pack(_ items: [String], separator: String, limit: Int) -> [String] {
        var packed: [String] = []
        var current = ""
        for item in items {
            if !current.isEmpty && current.utf8.count + separator.utf8.count + item.utf8.count > limit {
                packed.append(current)
                current = ""
            }
            current += current.isEmpty ? item : separator + item
        }
        if !current.isEmpty { packed.append(current) }
        return packed
    }
}
