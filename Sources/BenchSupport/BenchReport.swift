import Foundation

/// Prints a benchmark's result line at once (stdout is block-buffered when piped).
public func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// `duration` in seconds, for rates and printed figures.
public func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}
