import SitrepCore
import Testing

/// `PageText.naming`: a manual `!escalate` reply says who is paged on its first line, and only there.
@Suite struct PageTextNamingTests {
    @Test func theFirstLineNamesWhoIsPaged() {
        #expect(
            PageText.naming(["bob", "dave"], in: ["INC-4 escalated", "next tier in 5m"])
                == ["INC-4 escalated — paging bob, dave", "next tier in 5m"])
    }

    @Test func nobodyToPageIsSaid() {
        #expect(PageText.naming([], in: ["INC-4 escalated"]) == ["INC-4 escalated — nobody to page"])
    }

    @Test func noRepliesStayNone() {
        #expect(PageText.naming(["bob"], in: []).isEmpty)
    }

    @Test func theLineStaysWithinTheLimit() {
        let names = (1...100).map { "responder\($0)" }
        let line = PageText.naming(names, in: ["INC-4 escalated"])[0]
        #expect(line.count <= 400)
        #expect(line.hasPrefix("INC-4 escalated — paging responder1, responder2"))
    }
}
