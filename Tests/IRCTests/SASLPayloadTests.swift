import Testing

@testable import IRC

@Suite struct SASLPayloadTests {
    @Test func buildsThePlainMechanismMessage() {
        let payload = SASLPayload.plain(account: "sitrep", password: "hunter2")
        #expect(payload == Array("\0sitrep\0hunter2".utf8))
        #expect(SASLPayload.authenticateArguments(for: payload) == ["AHNpdHJlcABodW50ZXIy"])
    }

    @Test func sendsAPlusForAnEmptyPayload() {
        #expect(SASLPayload.authenticateArguments(for: []) == ["+"])
    }

    /// 300 bytes encode to exactly 400 characters; 301 to 404.
    @Test(arguments: [(300, [400, 1]), (301, [400, 4]), (600, [400, 400, 1]), (10, [16])])
    func chunksBase64In400ByteLinesEndingWithPlusWhenExact(_ size: Int, _ lengths: [Int]) {
        let arguments = SASLPayload.authenticateArguments(for: [UInt8](repeating: 7, count: size))
        #expect(arguments.map(\.utf8.count) == lengths)
        if lengths.last == 1 { #expect(arguments.last == "+") }
        #expect(Base64.decode(arguments.filter { $0 != "+" }.joined()) == [UInt8](repeating: 7, count: size))
    }
}
