import COlm

/// Byte buffers for libolm's calls: random bytes, copies of inputs (libolm overwrites the buffers it decodes), and
/// the check that turns libolm's error sentinel into an `OlmCryptoError`.
enum OlmBuffers {
    /// `count` bytes from the system's cryptographic random source.
    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// The result of a libolm call, or the error libolm recorded when it returned `olm_error()`.
    static func check(_ result: Int, _ function: String, lastError: () -> String) throws -> Int {
        guard result != olm_error() else { throw OlmCryptoError(function: function, reason: lastError()) }
        return result
    }

    /// The text a libolm call writes into a buffer of `length` bytes (keys, ids, pickles, ciphertexts: ASCII),
    /// `call` given the buffer and its length and returning what libolm returned, checked by `check`.
    static func text(
        length: Int, _ check: (Int) throws -> Int, _ call: (UnsafeMutablePointer<UInt8>, Int) -> Int
    ) throws -> String {
        var output = [UInt8](repeating: 0, count: length)
        let count = try check(output.withUnsafeMutableBufferPointer { call($0.baseAddress!, $0.count) })
        return String(decoding: output.prefix(count), as: UTF8.self)
    }

    /// The C string libolm returns as its last error.
    static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? "unknown error"
    }
}

extension Array where Element == UInt8 {
    /// The bytes as a string (libolm's outputs are base64 or JSON, ASCII).
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}
