/// Stable alert identities for sources that send none, computed the way Prometheus and Alertmanager compute
/// theirs, so the same labels give the same fingerprint whichever hook they came through.
public enum AlertFingerprint {
    /// Prometheus `LabelSet.Fingerprint()`: FNV-1a 64 over the label names in byte order, each name and value
    /// followed by the separator byte 0xFF, printed as 16 lower-case hex digits.
    public static func labels(_ labels: [String: String]) -> String {
        var hash = FNV1a64()
        for name in labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            hash.add(name)
            hash.addSeparator()
            hash.add(labels[name] ?? "")
            hash.addSeparator()
        }
        return hash.hex
    }

    /// The fingerprint of an alert its source identifies by `id`: FNV-1a 64 over source, 0xFF, id, 0xFF.
    public static func identifier(source: String, id: String) -> String {
        var hash = FNV1a64()
        hash.add(source)
        hash.addSeparator()
        hash.add(id)
        hash.addSeparator()
        return hash.hex
    }
}

/// The 64-bit FNV-1a hash (Fowler–Noll–Vo), as Prometheus uses it for label fingerprints.
struct FNV1a64 {
    private(set) var value: UInt64 = 14_695_981_039_346_656_037

    mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
    }

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 1_099_511_628_211
    }

    /// Prometheus's `model.SeparatorByte`.
    mutating func addSeparator() { add(0xFF) }

    /// `%016x`.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
