import SitrepCore
import Testing

@Suite struct HexTests {
    @Test func bytesRoundTripInLowercase() {
        #expect(Hex.string([0x00, 0x0F, 0xA5, 0xFF]) == "000fa5ff")
        #expect(Hex.bytes("000fA5Ff") == [0x00, 0x0F, 0xA5, 0xFF])
        #expect(Hex.string([]) == "")
    }

    @Test(arguments: ["", "a", "abc", "zz", "0g", "a b ", "１２"])
    func anythingButPairsOfHexDigitsIsNil(text: String) {
        #expect(Hex.bytes(text) == nil)
    }
}
