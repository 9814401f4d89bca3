#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Matrix's canonical JSON (keys sorted, no insignificant whitespace, UTF-8 unescaped), the text device and
/// one-time keys are signed over, without their `signatures` and `unsigned`.
public enum MatrixCanonicalJSON {
    /// The canonical text of `value` with the top-level `signatures` and `unsigned` left out.
    public static func signable(_ value: some Encodable) throws -> String {
        var object = try MatrixJSON.decode(MatrixJSONValue.self, from: MatrixJSON.encode(value))
        if case .object(var fields) = object {
            fields["signatures"] = nil
            fields["unsigned"] = nil
            object = .object(fields)
        }
        return String(decoding: try MatrixJSON.encode(object), as: UTF8.self)
    }
}
