import Matrix
import Testing

@Suite struct MatrixTransactionIDTests {
    static func isURLSafe(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "-_.".unicodeScalars.contains($0)) }
    }

    @Test func theSameActionAlwaysGivesTheSameID() {
        let first = MatrixTransactionID.action(incidentID: 42, kind: "reply", sequence: 7)
        #expect(first == MatrixTransactionID.action(incidentID: 42, kind: "reply", sequence: 7))
        #expect(first.rawValue.hasPrefix("i42-reply-7."))
        #expect(first.rawValue.count == "i42-reply-7.".count + 16)
    }

    @Test func differentActionsGiveDifferentIDs() {
        let ids = [
            MatrixTransactionID.action(incidentID: 42, kind: "reply", sequence: 7),
            .action(incidentID: 42, kind: "reply", sequence: 8),
            .action(incidentID: 43, kind: "reply", sequence: 7),
            .action(incidentID: 42, kind: "page", sequence: 7),
            .reply(to: "$abc", part: 0), .reply(to: "$abc", part: 1), .reply(to: "$abd", part: 0),
            // Same readable form, different parts: only the hash tells them apart.
            MatrixTransactionID(parts: ["a b"]), MatrixTransactionID(parts: ["a_b"]),
            MatrixTransactionID(parts: ["a", "b"]), MatrixTransactionID(parts: ["a-b"]),
        ]
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: [
        ["re", "$MvdDkZKyYw2LpZavfG-60xE91kZOoFF5ubezUicSDbQ", "0"],
        ["i9", "announce to #ops:example.org / 🚨 sev1", "123456789012"],
        [String(repeating: "x", count: 500)], [], [""],
    ])
    func everyIDIsURLSafeAndAtMost64Characters(_ parts: [String]) {
        let id = MatrixTransactionID(parts: parts).rawValue
        #expect(id.count <= 64 && !id.isEmpty)
        #expect(Self.isURLSafe(id), "\(id)")
        #expect(MatrixPath.escape(id) == id)
    }
}

/// The bot's sends numbered for their transaction ids: a reply keeps its id across a restart, other sends never
/// share one.
@Suite struct MatrixTransactionNumberingTests {
    @Test func theSendsOfOneEventAreNumberedUnderItFromOne() {
        var numbering = MatrixTransactionNumbering()
        let first = numbering.next(causedBy: "$a", kind: "say", target: "!r:hs", text: "x", now: 1)
        let second = numbering.next(causedBy: "$a", kind: "say", target: "!r:hs", text: "y", now: 2)
        #expect(first == .reply(to: "$a", part: 1) && second == .reply(to: "$a", part: 2))
        #expect(numbering.next(causedBy: "$b", kind: "say", target: "!r:hs", text: "x", now: 3) == .reply(to: "$b", part: 1))
        var restarted = MatrixTransactionNumbering()
        #expect(restarted.next(causedBy: "$a", kind: "say", target: "!r:hs", text: "x", now: 9) == first)
    }

    @Test func twoAlikeSendsNoEventCausedStayTwo() {
        var numbering = MatrixTransactionNumbering()
        let first = numbering.next(causedBy: nil, kind: "say", target: "!r:hs", text: "tick", now: 5)
        let second = numbering.next(causedBy: nil, kind: "say", target: "!r:hs", text: "tick", now: 5)
        #expect(first != second)
    }
}

