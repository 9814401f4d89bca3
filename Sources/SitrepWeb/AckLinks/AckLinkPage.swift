import Foundation
import Mustache
import Notify

/// What an acknowledge-link page shows: a heading, a plain sentence, the incident (when the link is good), and the
/// Acknowledge button (only while acknowledging is still possible).
struct AckLinkPage: Sendable {
    struct Incident: Sendable {
        let incidentID: Int64
        let title: String
        let severity: String
        let state: String
        let summary: String?
    }

    let heading: String
    let message: String
    let incident: Incident?
    /// The form's target (this link's own path); nil: no button.
    let action: String?
    let person: String?

    init(heading: String, message: String, summary: AckLinkSummary? = nil, action: String? = nil, person: String? = nil)
    {
        self.heading = heading
        self.message = message
        self.incident = summary.map {
            Incident(
                incidentID: $0.incidentID, title: $0.title, severity: $0.severity, state: $0.state, summary: $0.summary)
        }
        self.action = action
        self.person = person
    }

    /// The template, inheriting the site layout. A plain HTML form: works on a phone without JavaScript.
    static let template = """
        {{<layout}}
        {{$title}}{{page.heading}} · {{site.title}}{{/title}}
        {{$main}}
        <h1>{{page.heading}}</h1>
        {{#page.incident}}
        <p><strong>{{severity}}</strong> · incident #{{incidentID}} · {{state}}</p>
        <h2>{{title}}</h2>
        {{#summary}}<p>{{summary}}</p>{{/summary}}
        {{/page.incident}}
        <p>{{page.message}}</p>
        {{#page.action}}
        <form method="post" action="{{page.action}}">
        <button type="submit" style="font-size:1.25em;padding:.7em 1.4em;min-width:60%">Acknowledge as {{page.person}}</button>
        </form>
        {{/page.action}}
        {{/main}}
        {{/layout}}
        """
}

/// Renders `AckLinkPage` in the site's layout.
struct AckLinkRenderer: Sendable {
    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all.merging(["ack": AckLinkPage.template], uniquingKeysWith: { $1 }) {
            do { try library.register(text, named: name) } catch {
                preconditionFailure("page template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    func render(_ page: AckLinkPage, site: SiteView) -> String {
        library.render(PageContext(site: site, page: page), withTemplate: "ack") ?? ""
    }
}
