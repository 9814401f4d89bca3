import Testing

@testable import SitrepCore

@Suite struct AlertFingerprintTests {
    /// The published FNV-1a 64 test vectors.
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func fnv1aMatchesTheReferenceVectors(text: String, hex: String) {
        var hash = FNV1a64()
        hash.add(text)
        #expect(hash.hex == hex)
    }

    @Test func anEmptyLabelSetHasPrometheusEmptySignature() {
        #expect(AlertFingerprint.labels([:]) == "cbf29ce484222325")
    }

    @Test func labelFingerprintsFollowPrometheusByteOrderWithSeparators() {
        var hash = FNV1a64()
        for byte in Array("alertname".utf8) + [0xFF] + Array("A".utf8) + [0xFF] + Array("job".utf8) + [0xFF]
            + Array("x".utf8) + [0xFF]
        {
            hash.add(byte)
        }
        #expect(AlertFingerprint.labels(["job": "x", "alertname": "A"]) == hash.hex)
        #expect(AlertFingerprint.labels(["alertname": "A", "job": "x"]).count == 16)
    }

    @Test func separatorsKeepNamesAndValuesApart() {
        #expect(AlertFingerprint.labels(["ab": "c"]) != AlertFingerprint.labels(["a": "bc"]))
        #expect(
            AlertFingerprint.identifier(source: "grafana", id: "1")
                != AlertFingerprint.identifier(source: "grafan", id: "a1")
        )
        #expect(
            AlertFingerprint.identifier(source: "grafana", id: "1")
                == AlertFingerprint.identifier(source: "grafana", id: "1")
        )
    }
}
