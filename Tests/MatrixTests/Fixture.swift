#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Matrix

/// Reads the captured Synapse responses in `Fixtures/` (see its README) by path relative to this file.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name + ".json")))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try MatrixJSON.decode(T.self, from: bytes(name))
    }

    /// Every `.json` file name in the folder, without the extension.
    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

/// A small deterministic generator (an LCG) for the jitter in retry decisions.
struct SteppingGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}
