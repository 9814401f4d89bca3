extension ConfigCheck {
    /// `  schedules: dba (UTC, 1 layer, feed with token), ops (Europe/Berlin, 2 layers, feed public)`; nothing
    /// without schedules. Without a web server or a feed token the feeds are said to be off.
    static func describeSchedules(_ config: SitrepConfig) -> [String] {
        let schedules = config.schedules
        guard !schedules.byName.isEmpty else { return [] }
        let parts = schedules.names.compactMap { name -> String? in
            guard let schedule = schedules.byName[name] else { return nil }
            let layers = schedule.layers.count == 1 ? "1 layer" : "\(schedule.layers.count) layers"
            let feed: String
            if config.web == nil {
                feed = "no feed (web off)"
            } else if schedules.publicFeeds.contains(name) {
                feed = "feed public"
            } else {
                feed = config.web?.onCallToken == nil ? "no feed (no web.oncall_token_env)" : "feed with token"
            }
            return "\(name) (\(schedule.zoneName), \(layers), \(feed))"
        }
        return ["  schedules: \(parts.joined(separator: ", "))"]
    }
}
