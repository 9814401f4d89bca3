import SitrepCore
import Testing

@testable import SitrepWeb

/// The embedded templates: they parse, never print unescaped values, and render a page on their own.
@Suite struct PageTemplateTests {
    @Test(arguments: PageTemplates.all.keys.sorted())
    func templatesNeverUseUnescapedValues(name: String) throws {
        let text = try #require(PageTemplates.all[name])
        #expect(!text.contains("{{{"), "\(name) uses {{{…}}}")
        #expect(!text.contains("{{&"), "\(name) uses {{&…}}")
    }

    @Test func errorPageRendersInTheLayoutWithoutRefresh() {
        let site = SiteView(
            title: "A & B status", refresh: nil, isInternal: false, generatedAt: "t", generatedText: "now")
        let html = PageRenderer().render(.error, site: site, page: ErrorPage(heading: "Gone <b>", reason: "why"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Gone &lt;b&gt; · A &amp; B status</title>"))
        #expect(html.contains("<h1>Gone &lt;b&gt;</h1>"))
        #expect(!html.contains("http-equiv"))
    }

    @Test func theInternalTimelineListsTheIncidentsPages() {
        let time = Timestamp(milliseconds: 1_764_000_000_000)
        let incident = Incident(
            id: 7, title: "t", severity: .sev1, channel: ChatChannel(name: "#inc-7"),
            declaredBy: Participant(identity: .account("a"), nick: "a"), declaredAt: time)
        let attempt = PageAttempt(
            id: "INC-7/tier-1/account:bob/chat/1", incidentID: 7, person: .account("bob"), method: "chat",
            address: "<bob>", step: "tier-1", status: .failed, reason: "not on the chat network", queuedAt: time)
        let site = SiteView(title: "s", refresh: nil, isInternal: true, generatedAt: "t", generatedText: "now")
        let paged = PageRenderer().render(
            .timeline, site: site, page: InternalTimelineView(incident: incident, entries: [], limit: 10, now: time, pages: [attempt]))
        #expect(paged.contains("<td>bob</td><td>chat</td><td>&lt;bob&gt;</td><td>tier-1</td><td>failed: not on the chat network</td>"))
        #expect(!paged.contains("Nobody paged."))
        let none = PageRenderer().render(
            .timeline, site: site, page: InternalTimelineView(incident: incident, entries: [], limit: 10, now: time))
        #expect(none.contains("Nobody paged.") && !none.contains("<table class=\"pages\">"))
    }

    @Test(arguments: [
        (0, "0s"), (45, "45s"), (125, "2m 5s"), (3600, "1h"), (7_380, "2h 3m"), (90_061, "1d 1h"), (-5, "0s"),
    ])
    func agesShowTheTwoLargestUnits(seconds: Int64, text: String) {
        #expect(WebTime.age(.seconds(seconds)) == text)
    }

    @Test func timesAreUTC() {
        let time = Timestamp(milliseconds: 1_764_000_000_000)
        #expect(WebTime.iso(time) == "2025-11-24T16:00:00.000Z")
        #expect(WebTime.display(time) == "2025-11-24 16:00 UTC")
        #expect(WebTime.displaySeconds(time.adding(.seconds(5))) == "2025-11-24 16:00:05")
    }
}

/// The key-path tables that replace reflection must name every stored property and read the same values.
@Suite struct TemplateFieldsTests {
    /// Every stored property of `value`, as reflection sees it, must read the same through the table.
    private func expectTableMatchesReflection<T: TemplateFields>(_ value: T) {
        let mirror = Mirror(reflecting: value)
        let labels = Set(mirror.children.compactMap(\.label))
        #expect(Set(T.templateFields.keys) == labels, "\(T.self)")
        for child in mirror.children {
            guard let label = child.label else { continue }
            let viaTable = value.child(named: label).map { String(describing: $0) }
            let viaMirror = Mirror(reflecting: child.value).displayStyle == .optional
                ? Mirror(reflecting: child.value).children.first.map { String(describing: $0.value) }
                : String(describing: child.value)
            #expect(viaTable == viaMirror, "\(T.self).\(label)")
        }
    }

    /// Issue 20: the sign that the alert behind an incident has recovered.
    @Test func anIncidentWhoseAlertsAllResolvedShowsTheyRecovered() throws {
        let time = Timestamp(milliseconds: 1_764_000_000_000)
        let incident = Incident(
            id: 9, title: "Disk full", severity: .sev2, channel: ChatChannel(name: "#inc-9"),
            declaredBy: Participant(identity: .account("a"), nick: "a"), declaredAt: time)
        func alert(_ id: Int64, _ status: AlertStatus) -> Alert {
            Alert(
                id: id, source: "generic", fingerprint: "f\(id)", status: status, firstSeenAt: time, lastSeenAt: time,
                incidentID: 9)
        }
        #expect(IncidentView(incident, now: time).alertStatus == nil)
        #expect(IncidentView(incident, now: time, alerts: [alert(1, .resolved), alert(2, .firing)]).alertStatus == "firing")
        let recovered = IncidentView(incident, now: time, alerts: [alert(1, .resolved), alert(2, .resolved)])
        #expect(recovered.alertStatus == "recovered")
        expectTableMatchesReflection(recovered)
        let board = StatusBoardView(open: [incident], resolved: [], recentDays: 7, now: time, alerts: [9: [alert(1, .resolved)]])
        let site = SiteView(title: "s", refresh: nil, isInternal: false, generatedAt: "t", generatedText: "now")
        let html = PageRenderer().render(.index, site: site, page: board)
        #expect(html.contains("✓ alert recovered"))
    }

    @Test func tablesCoverEveryField() throws {
        let time = Timestamp(milliseconds: 1_764_000_000_000)
        var incident = Incident(
            id: 7, title: "t", severity: .sev2, channel: ChatChannel(name: "#inc-7"),
            declaredBy: Participant(identity: .account("a"), nick: "a"), declaredAt: time)
        incident.publicStatus = "s"
        incident.publicStatusAt = time
        incident.resolvedAt = time.adding(.seconds(60))
        expectTableMatchesReflection(IncidentView(incident, now: time.adding(.seconds(120))))
        expectTableMatchesReflection(IncidentView(Incident(
            id: 8, title: "u", severity: .sev1, channel: ChatChannel(name: "#inc-8"),
            declaredBy: Participant(identity: .account("a"), nick: "a"), declaredAt: time), now: time))
        let update = TimelineEntry(incidentID: 7, time: time, kind: .update, author: "bob", text: "x", isKeyEvent: true)
        expectTableMatchesReflection(try #require(PublicEntryView(update)))
        let attempt = PageAttempt(
            id: "INC-7/tier-1/account:bob/chat/1", incidentID: 7, person: .account("bob"), method: "chat",
            address: "bob", step: "tier-1", status: .failed, reason: "not on the chat network", queuedAt: time,
            updatedAt: time.adding(.seconds(1)))
        let view = InternalTimelineView(incident: incident, entries: [update], limit: 10, now: time, pages: [attempt])
        expectTableMatchesReflection(view.entries[0])
        expectTableMatchesReflection(view.pages[0])
    }
}
