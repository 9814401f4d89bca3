extension IncidentReport {
    /// Groups of ≥ 2 incidents: per category, per service (names compared case-insensitively), and clusters of
    /// similar titles. Two titles are similar when they share at least two significant words
    /// (`SignificantWords`), or one when either title has only one; clusters are the connected groups of
    /// similar pairs, keyed by the words at least two of their titles share (most shared first, at most 3).
    /// Largest groups first.
    static func recurring(_ incidents: [Incident]) -> [RecurringGroup] {
        var groups: [RecurringGroup] = []
        var byCategory: [String: [Int64]] = [:]
        var byService: [String: [Int64]] = [:]
        for incident in incidents {
            if let category = incident.category { byCategory[category.lowercased(), default: []].append(incident.id) }
            for service in Set(incident.services.map { $0.lowercased() }) {
                byService[service, default: []].append(incident.id)
            }
        }
        for (key, ids) in byCategory where ids.count >= 2 { groups.append(.init(kind: .category, key: key, incidentIDs: ids)) }
        for (key, ids) in byService where ids.count >= 2 { groups.append(.init(kind: .service, key: key, incidentIDs: ids)) }
        groups += titleClusters(incidents)
        return groups.sorted {
            if $0.incidentIDs.count != $1.incidentIDs.count { return $0.incidentIDs.count > $1.incidentIDs.count }
            if $0.kind != $1.kind { return $0.kind.rawValue < $1.kind.rawValue }
            return $0.key < $1.key
        }
    }

    static func titleClusters(_ incidents: [Incident]) -> [RecurringGroup] {
        let words = incidents.map { SignificantWords.of($0.title) }
        var byWord: [String: [Int]] = [:]
        for (index, set) in words.enumerated() {
            for word in set { byWord[word, default: []].append(index) }
        }
        var parent = Array(incidents.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        var shared: [Int: Int] = [:]
        for a in incidents.indices {
            shared.removeAll(keepingCapacity: true)
            for word in words[a] {
                for b in byWord[word] ?? [] where b > a { shared[b, default: 0] += 1 }
            }
            for (b, count) in shared where count >= 2 || (count >= 1 && min(words[a].count, words[b].count) == 1) {
                parent[root(b)] = root(a)
            }
        }
        var clusters: [Int: [Int]] = [:]
        for index in incidents.indices { clusters[root(index), default: []].append(index) }
        return clusters.values.filter { $0.count >= 2 }.map { members in
            var frequency: [String: Int] = [:]
            for member in members { for word in words[member] { frequency[word, default: 0] += 1 } }
            let key = frequency.filter { $0.value >= 2 }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .prefix(3).map(\.key).joined(separator: " ")
            return RecurringGroup(kind: .title, key: key, incidentIDs: members.map { incidents[$0].id })
        }
    }
}
