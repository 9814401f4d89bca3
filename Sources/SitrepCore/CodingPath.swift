extension Array where Element == any CodingKey {
    /// The path as people write it: `irc.sasl.account`, `alerts[1].labels.severity`; empty for the top level.
    /// Config problems and webhook errors name the wrong value this way.
    public var dottedPath: String {
        var path = ""
        for key in self {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path
    }
}
