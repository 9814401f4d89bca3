import SitrepCore
import Testing

@Suite struct ReviewRenderingTests {
    typealias F = ReviewFixtures

    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a & b", "a &amp; b"),
        ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
        ("bell\u{07}nul\u{00}", "bellnul"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("café ✓", "café ✓"),
    ])
    func htmlEscaping(text: String, escaped: String) {
        #expect(HTMLEscaping.escape(text) == escaped)
    }

    /// An incident whose every user-typed field tries to inject markup.
    static var hostile: ReviewDocument {
        let evil = Participant(identity: .account("evil"), nick: "<b>evil</b>")
        var s = ReviewScript(id: 3, severity: .sev2, title: "<script>alert('title')</script>", by: evil)
        s.run(.category("<img src=x onerror=alert(1)>"), by: F.alice, at: 10)
        s.run(.note("<script>alert('note')</script>"), by: F.alice, at: 20)
        s.run(.update("\"><script>alert('update')</script>"), by: F.alice, at: 30)
        s.run(.factor("</li><script>x</script>"), by: F.alice, at: 40)
        s.followUp(1, "<iframe src=//evil>", owner: "<u>owner</u>", by: F.alice, at: 50)
        return s.review()
    }

    @Test func htmlEscapesEveryUserTypedString() {
        let html = Self.hostile.html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img") && !html.contains("<iframe") && !html.contains("<b>") && !html.contains("<u>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;script&gt;alert(&#39;update&#39;)&lt;/script&gt;"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<title>INC-3 post-incident review: &lt;script&gt;"))
    }

    @Test func htmlHasASectionPerMarkdownSection() {
        let review = F.sev1.review()
        let markdownSections = review.markdown().split(separator: "\n").filter { $0.hasPrefix("## ") }
        let htmlSections = review.htmlArticle().split(separator: "\n").filter { $0.hasPrefix("<h2>") }
        #expect(markdownSections.count == 14 && htmlSections.count == 14)
        #expect(review.htmlArticle().contains("<tr><td>Time to acknowledge</td><td>14m 5s</td></tr>"))
    }

    @Test func markdownKeepsUserTextOnOneLineAndEscapesAngleBrackets() {
        var s = ReviewScript(id: 3, severity: .sev2, title: "multi\nline <b>title</b>", by: F.bob)
        s.run(.note("first line\r\n# not a heading"), by: F.alice, at: 20)
        s.run(.role(name: "comms", nick: "a|b"), by: F.alice, at: 30)
        let markdown = s.review().markdown()
        #expect(markdown.hasPrefix("# INC-3 post-incident review: multi line \\<b>title\\</b>\n"))
        #expect(markdown.contains("- 08:00:20 [note] alice: first line # not a heading\n"))
        #expect(markdown.contains("| comms | a\\|b | 08:00:30 | end |"))
    }

    @Test func eventsOnLaterDaysCarryTheDay() {
        var s = ReviewScript(id: 3, severity: .sev2, title: "Long one", by: F.bob)
        s.run(.note("next morning"), by: F.alice, at: 86_400 + 60)
        #expect(s.review(generatedAt: 90_000).markdown().contains("- +1d 08:01:00 [note] alice: next morning\n"))
    }
}
