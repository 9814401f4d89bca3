import Mustache

/// Renders the pages of `PageTemplates` with swift-mustache, which HTML-escapes every value.
struct PageRenderer: Sendable {
    /// The pages there are.
    enum Page: String {
        case index, incident, timeline, error
    }

    private let library: MustacheLibrary

    /// Parses the templates. They are constants compiled into the binary, so a parse failure is a programmer error
    /// (and `PageTemplateTests` catches it before a release).
    init() {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all {
            do { try library.register(text, named: name) } catch {
                preconditionFailure("page template \(name) does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// `page` rendered into the layout, with `site` as the page's frame (title, refresh, footer).
    func render(_ name: Page, site: SiteView, page: some Sendable) -> String {
        guard let html = library.render(PageContext(site: site, page: page), withTemplate: name.rawValue) else {
            preconditionFailure("page template \(name) is not registered")
        }
        return html
    }
}

/// What every page template sees: the frame (`site`) and the page's own view (`page`).
struct PageContext<Page: Sendable>: Sendable {
    let site: SiteView
    let page: Page
}

/// The frame of every page: the site's title, the refresh interval (nil: no refresh), whether the page is
/// internal, and when it was generated.
struct SiteView: Sendable {
    let title: String
    let refresh: Int?
    let isInternal: Bool
    let generatedAt: String
    let generatedText: String
}

/// What the error page shows.
struct ErrorPage: Sendable {
    let heading: String
    let reason: String
}
