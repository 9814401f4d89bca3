/// A set of ASCII bytes as a 128-bit mask: membership of a byte is a shift and a test, where a `Set<Character>`
/// hashes a whole character. Built from characters; those that are not a single ASCII byte are left out.
struct ASCIIByteSet: Sendable, Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ characters: some Sequence<Character>) {
        for character in characters {
            guard character.unicodeScalars.count == 1, let byte = character.asciiValue else { continue }
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        switch byte {
        case 0..<64: low & (1 << UInt64(byte)) != 0
        case 64..<128: high & (1 << UInt64(byte - 64)) != 0
        default: false
        }
    }
}
