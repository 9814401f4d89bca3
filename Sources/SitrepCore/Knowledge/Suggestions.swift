/// What the store found that may help with an incident, before ranking.
public struct SuggestionCandidates: Sendable, Equatable {
    /// Resolved or closed incidents.
    public var incidents: [Incident]
    public var solutions: [Solution]

    public init(incidents: [Incident] = [], solutions: [Solution] = []) {
        self.incidents = incidents
        self.solutions = solutions
    }
}

/// A past incident or a standard solution worth showing, with its score.
public enum Suggestion: Sendable, Equatable {
    case incident(Incident, score: Double)
    case solution(Solution, score: Double)

    public var score: Double {
        switch self {
        case .incident(_, let score), .solution(_, let score): score
        }
    }
}

/// Ranks suggestions for an incident and words them for chat. Pure.
///
/// Score of a past incident: 2 per significant title word shared (`SignificantWords`), + 3 for the same
/// category (1.5 for the same top-level category: `network` and `network/dns`), + 1.5 per shared service.
/// Score of a solution: the same category and service points, + 1 per significant word of the title found in
/// the solution, + 1 for being a recorded standard fix; a solution needs a category or service match.
/// Candidates scoring under 2 are dropped; ties go to the newer one.
public enum Suggestions {
    public static func rank(for incident: Incident, _ candidates: SuggestionCandidates, limit: Int = 3)
        -> [Suggestion]
    {
        let words = SignificantWords.of(incident.title)
        var ranked: [(Suggestion, Int64)] = []
        for past in candidates.incidents where past.id != incident.id {
            let shared = words.intersection(SignificantWords.of(past.title)).count
            let score = Double(2 * shared) + classification(incident, past.category, past.services)
            ranked.append((.incident(past, score: score), past.declaredAt.milliseconds))
        }
        for solution in candidates.solutions {
            let match = classification(incident, solution.category, solution.services)
            guard match > 0 else { continue }
            let shared = words.intersection(SignificantWords.of(solution.text)).count
            ranked.append((.solution(solution, score: match + Double(shared) + 1), solution.createdAt.milliseconds))
        }
        return ranked.filter { $0.0.score >= 2 }
            .sorted { $0.0.score != $1.0.score ? $0.0.score > $1.0.score : $0.1 > $1.1 }
            .prefix(limit).map(\.0)
    }

    /// Points for sharing the incident's category and services.
    static func classification(_ incident: Incident, _ category: String?, _ services: [String]) -> Double {
        var score = 0.0
        if let mine = incident.category?.lowercased(), let theirs = category?.lowercased() {
            if mine == theirs {
                score += 3
            } else if mine.split(separator: "/").first == theirs.split(separator: "/").first {
                score += 1.5
            }
        }
        let mine = Set(incident.services.map { $0.lowercased() })
        score += 1.5 * Double(Set(services.map { $0.lowercased() }).intersection(mine).count)
        return score
    }

    /// One NOTICE line, or two (incidents, then solutions) when one would be too long; none when empty:
    /// `similar: INC-3 "checkout 500s" → rolled back deploy; solution #2 for checkout: restart the payment workers`.
    public static func lines(_ suggestions: [Suggestion]) -> [String] {
        var incidents: [String] = []
        var solutions: [String] = []
        for suggestion in suggestions {
            switch suggestion {
            case .incident(let past, _):
                let title = ChatText.oneLine(past.title, limit: 60)
                let fix = ChatText.oneLine(past.resolution ?? "no resolution recorded", limit: 100)
                incidents.append("INC-\(past.id) \"\(title)\" → \(fix)")
            case .solution(let solution, _):
                let text = ChatText.oneLine(solution.text, limit: 120)
                solutions.append("solution #\(solution.id) for \(ChatText.oneLine(solution.scope, limit: 60)): \(text)")
            }
        }
        guard !incidents.isEmpty || !solutions.isEmpty else { return [] }
        let one = "similar: " + (incidents + solutions).joined(separator: "; ")
        if one.count <= 400 { return [one] }
        return [
            incidents.isEmpty ? nil : "similar: " + incidents.joined(separator: "; "),
            solutions.isEmpty ? nil : "known solutions: " + solutions.joined(separator: "; "),
        ].compactMap { $0.map { ChatText.oneLine($0, limit: 400) } }
    }
}
