import SitrepTestSupport
import Testing

@testable import IRC

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func matchesRFC4648Vectors(_ plain: String, _ encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func encodesASASLPlainPayload() {
        #expect(Base64.encode(Array("\0sitrep\0hunter2".utf8)) == "AHNpdHJlcABodW50ZXIy")
    }

    @Test(arguments: ["Zm9vYg", "Zg", "Zm8"])
    func acceptsMissingPadding(_ text: String) {
        #expect(Base64.decode(text) != nil)
    }

    @Test(arguments: ["Z", "Zm9v!", "Zg=", "Zm 9v", "Zh==", "Zg===", "=Zg="])
    func rejectsInvalidInput(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func roundTripsRandomBytes() {
        var rng = SplitMix64(seed: 4648)
        for _ in 0..<1_000 {
            let bytes = (0..<Int.random(in: 0...100, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}
