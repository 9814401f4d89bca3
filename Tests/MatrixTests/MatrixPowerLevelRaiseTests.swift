import Matrix
import Testing

/// Raising one person in `m.room.power_levels` content: everything else kept, nobody lowered.
@Suite("Raising a power level")
struct MatrixPowerLevelRaiseTests {
    /// Content as Synapse writes it for a private room the bot created, with fields sitrep does not model.
    static let content = """
        {"ban": 50, "events": {"m.room.name": 50, "m.room.power_levels": 100}, "events_default": 0,
         "invite": 0, "kick": 50, "notifications": {"room": 50}, "redact": 50, "state_default": 50,
         "users": {"@sitrep:hs": 100, "@carol:hs": 75, "@dave:hs": 50}, "users_default": 0,
         "historical": 100, "ratio": 0.5, "note": null, "flag": true, "list": [1, "two"]}
        """

    static func decoded(_ text: String = content) throws -> [String: MatrixJSONValue] {
        try MatrixJSON.decode([String: MatrixJSONValue].self, from: Array(text.utf8))
    }

    @Test func everyKindOfValueIsReadAsWritten() throws {
        let content = try Self.decoded()
        #expect(content["ban"] == .integer(50) && content["ratio"] == .number(0.5))
        #expect(content["flag"] == .bool(true) && content["note"] == .null)
        #expect(content["list"] == .array([.integer(1), .string("two")]))
        #expect(content["notifications"] == .object(["room": .integer(50)]))
    }

    @Test func aLowerUserIsRaisedAndEverythingElseIsKept() throws {
        let before = try Self.decoded()
        let after = try #require(MatrixPowerLevelRaise.raising("@bob:hs", to: 50, in: before))
        #expect(MatrixPowerLevelRaise.currentLevel(of: "@bob:hs", in: after) == 50)
        var expected = before
        guard case .object(var users)? = before["users"] else { Issue.record("no users"); return }
        users["@bob:hs"] = .integer(50)
        expected["users"] = .object(users)
        #expect(after == expected)
        // It survives the trip through JSON as the homeserver will read it.
        #expect(try MatrixJSON.decode([String: MatrixJSONValue].self, from: MatrixJSON.encode(after)) == after)
    }

    @Test(arguments: ["@carol:hs", "@dave:hs", "@sitrep:hs"])
    func someoneAtTheLevelOrAboveIsLeftAlone(_ userID: String) throws {
        #expect(MatrixPowerLevelRaise.raising(userID, to: 50, in: try Self.decoded()) == nil)
    }

    @Test func usersDefaultCountsForSomeoneWithoutAnEntry() throws {
        let generous = try Self.decoded(#"{"users_default": 60, "users": {}}"#)
        #expect(MatrixPowerLevelRaise.raising("@bob:hs", to: 50, in: generous) == nil)
        let stingy = try Self.decoded(#"{"users_default": 10}"#)
        let raised = try #require(MatrixPowerLevelRaise.raising("@bob:hs", to: 50, in: stingy))
        #expect(raised["users"] == .object(["@bob:hs": .integer(50)]))
        #expect(raised["users_default"] == .integer(10))
    }

    @Test func levelsWrittenAsStringsAreRead() throws {
        let old = try Self.decoded(#"{"users": {"@bob:hs": "70"}}"#)
        #expect(MatrixPowerLevelRaise.currentLevel(of: "@bob:hs", in: old) == 70)
        #expect(MatrixPowerLevelRaise.raising("@bob:hs", to: 50, in: old) == nil)
    }
}
