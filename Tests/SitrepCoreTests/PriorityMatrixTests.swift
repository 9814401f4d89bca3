import SitrepCore
import Testing

@Suite struct PriorityMatrixTests {
    @Test(arguments: [
        (PriorityMatrix.Rating.high, PriorityMatrix.Rating.high, Priority.p1),
        (.high, .medium, .p2), (.medium, .high, .p2),
        (.high, .low, .p3), (.medium, .medium, .p3), (.low, .high, .p3),
        (.medium, .low, .p4), (.low, .medium, .p4),
        (.low, .low, .p5),
    ])
    func defaultIsTheITILTable(
        impact: PriorityMatrix.Rating,
        urgency: PriorityMatrix.Rating,
        priority: Priority
    ) {
        #expect(PriorityMatrix.itil.priority(impact: impact, urgency: urgency) == priority)
    }

    @Test func aConfiguredTableIsUsedAsGiven() throws {
        let matrix = try PriorityMatrix([[.p1, .p1, .p2], [.p2, .p3, .p4], [.p3, .p5, .p5]])
        #expect(matrix.priority(impact: .high, urgency: .medium) == .p1)
        #expect(matrix.priority(impact: .low, urgency: .medium) == .p5)
    }

    @Test func aTableThatIsNotThreeByThreeIsRejected() {
        #expect(throws: PriorityMatrix.InvalidShape(rows: [3, 2, 3])) {
            try PriorityMatrix([[.p1, .p1, .p2], [.p2, .p3], [.p3, .p5, .p5]])
        }
        #expect(throws: PriorityMatrix.InvalidShape(rows: [3])) {
            try PriorityMatrix([[.p1, .p2, .p3]])
        }
    }

    @Test(arguments: [
        ("high", PriorityMatrix.Rating.high), ("H", .high), ("medium", .medium), ("med", .medium),
        ("m", .medium),
        ("Low", .low), ("l", .low),
    ])
    func ratingsParseLongAndShort(text: String, rating: PriorityMatrix.Rating) {
        #expect(PriorityMatrix.Rating(parsing: text) == rating)
    }

    @Test func unknownRatingsDoNotParse() {
        #expect(PriorityMatrix.Rating(parsing: "critical") == nil)
        #expect(PriorityMatrix.Rating(parsing: "") == nil)
    }
}
