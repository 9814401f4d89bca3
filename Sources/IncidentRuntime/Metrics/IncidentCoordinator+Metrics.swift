extension IncidentCoordinator {
    /// Sets the open-incident gauges from the incidents open now (a sampler run at each scrape).
    public func sampleOpenIncidents() {
        metrics.openIncidents(open.all)
    }
}
