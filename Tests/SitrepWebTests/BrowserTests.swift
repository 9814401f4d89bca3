import Foundation
import SitrepCore
import Testing

/// The status page as a person sees it: headless Chromium loads the real server over a seeded store, takes
/// screenshots (phone and desktop), and the rendered DOM is checked. Outside CI the suite is skipped, loudly,
/// when no Chromium is installed; under CI (`CI=true`) a missing browser fails.
@Suite(
    .enabled(
        if: Chromium.find() != nil || Chromium.isCI,
        "SKIPPED: no chromium (install the Debian package chromium or set CHROMIUM); CI fails instead"),
    .serialized)
struct BrowserTests {
    /// Where screenshots go: `SITREP_BROWSER_ARTIFACTS` when set (kept), else a temporary folder (removed).
    private func withArtifacts(_ body: (String) async throws -> Void) async throws {
        if let kept = ProcessInfo.processInfo.environment["SITREP_BROWSER_ARTIFACTS"] {
            try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)
            try await body(kept)
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder.path)
    }

    private func browser() throws -> Chromium {
        try #require(Chromium.find(), "chromium is required under CI: apt-get install chromium, or set CHROMIUM")
    }

    @Test func statusPageRendersIncidentsSeveritiesAndUpdatesButNoTranscript() async throws {
        let chromium = try browser()
        try await SeededStore.serve { server, _ in
            let dom = try await chromium.dumpDOM(server.baseURL + "/")
            #expect(dom.contains("INC-2 · &lt;script&gt;alert(1)&lt;/script&gt; Checkout down"), "escaped, as text")
            #expect(!dom.contains("<script"), "no script element came to life")
            for text in [
                ">SEV1<", ">SEV2<", ">SEV3<", "INC-4 · Login errors", "INC-3 · Search slow", ">mitigated<",
                "Checkout is degraded; a fix is rolling out", "Search is slow for some users", "lead: alice",
            ] {
                #expect(dom.contains(text), "\(text)")
            }
            for marker in SeededStore.internalMarkers { #expect(!dom.contains(marker), "\(marker)") }
        }
    }

    @Test func incidentPageRendersItsHistoryAndReview() async throws {
        let chromium = try browser()
        try await SeededStore.serve { server, _ in
            let open = try await chromium.dumpDOM(server.baseURL + "/incidents/2")
            #expect(open.contains("state: investigating -&gt; mitigated (rolled back to 511)"))
            let closed = try await chromium.dumpDOM(server.baseURL + "/incidents/3")
            #expect(closed.contains("Review summary") && closed.contains("runaway reindex job"))
            for marker in SeededStore.internalMarkers {
                #expect(!open.contains(marker) && !closed.contains(marker), "\(marker)")
            }
        }
    }

    @Test func aBrowserLogsInToTheInternalTimelineWithBasicCredentials() async throws {
        let chromium = try browser()
        try await SeededStore.serve { server, _ in
            let url = "http://reader:\(LiveWebServer.token)@127.0.0.1:\(server.port)/incidents/2/timeline"
            let dom = try await chromium.dumpDOM(url)
            for marker in SeededStore.internalMarkers.prefix(6) { #expect(dom.contains(marker), "\(marker)") }
            let refused = try await chromium.dumpDOM(server.baseURL + "/incidents/2/timeline")
            #expect(!refused.contains("MSGMARK7f3a"), "without credentials the browser gets nothing internal")
        }
    }

    @Test func screenshotsOnAPhoneAndADesktopAreRealImages() async throws {
        let chromium = try browser()
        try await withArtifacts { folder in
            try await SeededStore.serve { server, _ in
                let shots = [
                    ("status-phone.png", "/", 412, 915), ("status-desktop.png", "/", 1280, 900),
                    ("incident-phone.png", "/incidents/2", 412, 915), ("closed-desktop.png", "/incidents/3", 1280, 900),
                    ("not-found-phone.png", "/incidents/99", 412, 915),
                    ("internal-timeline-desktop.png", "/incidents/2/timeline", 1280, 900),
                ]
                let login = "http://reader:\(LiveWebServer.token)@127.0.0.1:\(server.port)"
                for (name, path, width, height) in shots {
                    let file = "\(folder)/\(name)"
                    try await chromium.screenshot(login + path, to: file, width: width, height: height)
                    let png = try Data(contentsOf: URL(fileURLWithPath: file))
                    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
                    #expect(png.count > 10_000, "\(name) has content (\(png.count) bytes)")
                    #expect(Self.pngWidth(png) == width, "\(name) is \(width) px wide")
                }
            }
        }
    }

    /// The width in the PNG's IHDR chunk.
    static func pngWidth(_ png: Data) -> Int? {
        guard png.count >= 24 else { return nil }
        return png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    }
}
