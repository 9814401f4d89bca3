/// The pause between two attempts to find a writable host after the current one went away: 50 ms, doubling up
/// to 250 ms.
///
/// Short on purpose: while no host accepts writes, every operation waits, and the active sitrep must renew its
/// lease, so a promoted standby has to be found within a fraction of a second. Each attempt costs a connection
/// to each host (refused at once by a stopped one), which a server does not notice at four a second.
struct SelectionBackoff {
    static let first = Duration.milliseconds(50)
    static let maximum = Duration.milliseconds(250)

    private var delay = Self.first

    mutating func next() -> Duration {
        defer { delay = min(delay * 2, Self.maximum) }
        return delay
    }
}
