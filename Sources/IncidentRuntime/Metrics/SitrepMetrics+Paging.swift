import CoreMetrics
import Metrics
import SitrepCore

extension SitrepMetrics.Name {
    /// Page attempts by `method` (chat, email, webhook) and `outcome` (sent, failed, acknowledged).
    public static let pages = "sitrep_pages_total"
    /// From an incident's first page to its acknowledgement.
    public static let pageToAcknowledge = "sitrep_page_to_acknowledge_seconds"
}

extension SitrepMetrics {
    /// How a page attempt ended, as a bounded label value.
    public enum PageOutcome: String, Sendable, CaseIterable {
        case sent, failed, acknowledged
    }

    /// A page attempt by `method` (a bounded set: chat, email, webhook) ended with `outcome`.
    public func page(method: String, outcome: PageOutcome) {
        Counter(label: Name.pages, dimensions: [("method", method), ("outcome", outcome.rawValue)], factory: factory)
            .increment()
    }

    /// A chat page could not be delivered (nobody by that name on the network).
    public func pageFailed() {
        page(method: "chat", outcome: .failed)
    }

    /// An incident was acknowledged `duration` after its first page.
    public func acknowledgedAfterPage(_ duration: Duration) {
        Timer(label: Name.pageToAcknowledge, factory: factory).record(duration: duration)
    }
}
