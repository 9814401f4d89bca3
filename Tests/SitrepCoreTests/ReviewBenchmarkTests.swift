import SitrepCore
import Testing

/// Not a pass/fail test on time: builds and renders the review of an incident with 100,000 transcript lines and
/// prints how long it took (the target is well under 1 s). Run in release for the figure to report:
/// `swift test -c release --filter ReviewBenchmark`.
@Suite struct ReviewBenchmarkTests {
    static let lines = 100_000

    @Test func reviewOf100kTranscriptLines() {
        var script = ReviewFixtures.sev1
        let base = script.entries.count
        var entries = script.entries
        entries.reserveCapacity(base + Self.lines)
        for index in 0..<Self.lines {
            let time = ReviewScript.at(Int64(index % 3_900))
            entries.append(
                TimelineEntry(
                    incidentID: 7, sequence: Int64(base + index + 1), time: time, kind: index % 50 == 0 ? .join : .message,
                    author: "user\(index % 40)", text: "line \(index): checking the payments dashboards again",
                    isKeyEvent: index % 1_000 == 0))
        }
        entries.sort { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
        script.entries = entries
        let clock = ContinuousClock()
        var review: ReviewDocument?
        var markdown = ""
        var html = ""
        let build = clock.measure { review = script.review() }
        let render = clock.measure {
            markdown = review!.markdown()
            html = review!.html()
        }
        print(
            "review benchmark: \(entries.count) timeline entries, build \(build), render markdown+html \(render), "
                + "\(markdown.utf8.count + html.utf8.count) bytes")
        #expect(review?.transcriptLines == entries.count)
    }
}
