import Matrix
import Testing

/// The `m.direct` account data: read as other clients write it, updated newest first, written back as the plain map.
@Suite struct MatrixDirectRoomsTests {
    static func decode(_ json: String) throws -> MatrixDirectRooms {
        try MatrixJSON.decode(MatrixDirectRooms.self, from: Array(json.utf8))
    }

    @Test func readsTheMapAndSkipsAValueThatIsNotAListOfRooms() throws {
        let direct = try Self.decode(#"{"@bob:hs": ["!a:hs", "!b:hs"], "@dave:hs": "!c:hs", "@eve:hs": [1]}"#)
        #expect(direct.rooms(with: "@bob:hs") == ["!a:hs", "!b:hs"])
        #expect(direct.rooms(with: "@dave:hs").isEmpty && direct.rooms(with: "@eve:hs").isEmpty)
        #expect(direct.rooms(with: "@alice:hs").isEmpty)
        #expect(try Self.decode("{}") == MatrixDirectRooms())
    }

    @Test func aRecordedRoomComesFirstOnceAndOtherPeopleAreKept() throws {
        var direct = try Self.decode(#"{"@bob:hs": ["!a:hs", "!b:hs"], "@dave:hs": ["!d:hs"]}"#)
        direct.record("!b:hs", with: "@bob:hs")
        #expect(direct.rooms(with: "@bob:hs") == ["!b:hs", "!a:hs"])
        direct.record("!n:hs", with: "@alice:hs")
        #expect(direct.rooms(with: "@alice:hs") == ["!n:hs"])
        let written = try MatrixJSON.decode([String: [String]].self, from: try MatrixJSON.encode(direct))
        #expect(written == ["@bob:hs": ["!b:hs", "!a:hs"], "@dave:hs": ["!d:hs"], "@alice:hs": ["!n:hs"]])
        #expect(try Self.decode(String(decoding: try MatrixJSON.encode(direct), as: UTF8.self)) == direct)
    }

    @Test func theAccountDataPathEscapesTheUserAndType() {
        #expect(
            MatrixPath.accountData(userID: "@sitrep:localhost", type: MatrixDirectRooms.type)
                == "/_matrix/client/v3/user/%40sitrep%3Alocalhost/account_data/m.direct")
    }
}
