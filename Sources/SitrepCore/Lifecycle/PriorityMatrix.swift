/// ITIL priority from impact × urgency. The default is the usual ITIL table; operators may configure their own.
///
/// | impact \ urgency | high | medium | low |
/// |------------------|------|--------|-----|
/// | high             | P1   | P2     | P3  |
/// | medium           | P2   | P3     | P4  |
/// | low              | P3   | P4     | P5  |
public struct PriorityMatrix: Sendable, Equatable {
    /// An impact or urgency rating.
    public enum Rating: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
        case high, medium, low

        /// Parses `high|medium|low`, also `h|m|l` and `med`, case-insensitively.
        public init?(parsing text: some StringProtocol) {
            switch text.lowercased() {
            case "high", "h": self = .high
            case "medium", "med", "m": self = .medium
            case "low", "l": self = .low
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .high: "high"
            case .medium: "medium"
            case .low: "low"
            }
        }
    }

    /// A configured table that is not 3 × 3.
    public struct InvalidShape: Error, Sendable, Equatable, CustomStringConvertible {
        /// The length of each row given.
        public var rows: [Int]

        public init(rows: [Int]) {
            self.rows = rows
        }

        public var description: String {
            "the priority matrix must have 3 rows (impact high, medium, low) of 3 priorities (urgency high, medium, "
                + "low); got rows of \(rows.map(String.init).joined(separator: ", ")) entries"
        }
    }

    /// `rows[impact][urgency]`, high first.
    public let rows: [[Priority]]

    /// A matrix from 3 rows (impact high, medium, low), each of 3 priorities (urgency high, medium, low).
    public init(_ rows: [[Priority]]) throws(InvalidShape) {
        guard rows.count == 3, rows.allSatisfy({ $0.count == 3 }) else {
            throw InvalidShape(rows: rows.map(\.count))
        }
        self.rows = rows
    }

    private init(unchecked rows: [[Priority]]) {
        self.rows = rows
    }

    public static let itil = PriorityMatrix(unchecked: [
        [.p1, .p2, .p3], [.p2, .p3, .p4], [.p3, .p4, .p5],
    ])

    public func priority(impact: Rating, urgency: Rating) -> Priority {
        rows[impact.rawValue][urgency.rawValue]
    }
}
