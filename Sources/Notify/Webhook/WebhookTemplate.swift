import Foundation

/// The JSON body a webhook sends, with `{{name}}` placeholders inside its string values (see
/// `PageFields.placeholderNames`). The template is parsed once, at start: invalid JSON or an unknown placeholder is
/// refused with the reason. Filling it in replaces placeholders in string values only, and the result is written
/// back out by a JSON encoder, so no page text can break the JSON or add a member.
public struct WebhookTemplate: Sendable, Equatable {
    let root: JSONValue

    /// Why a template cannot be used.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case invalidJSON(String)
        case unknownPlaceholder(String)
        case unclosedPlaceholder

        public var description: String {
            switch self {
            case .invalidJSON(let reason): "the webhook template is not valid JSON: \(reason)"
            case .unknownPlaceholder(let name):
                "the webhook template uses {{\(name)}}; known placeholders are "
                    + PageFields.placeholderNames.map { "{{\($0)}}" }.joined(separator: ", ")
            case .unclosedPlaceholder: "the webhook template has a {{ without a matching }}"
            }
        }
    }

    /// The body sitrep sends when no template is configured: every field, under its placeholder name.
    public static let standard: WebhookTemplate = {
        let members = PageFields.placeholderNames.map { "\"\($0)\": \"{{\($0)}}\"" }.joined(separator: ", ")
        return try! WebhookTemplate(json: "{" + members + "}")
    }()

    public init(json: String) throws(Problem) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw .invalidJSON(Self.reason(error))
        }
        for string in value.allStrings {
            for name in try Self.placeholders(in: string) where !PageFields.placeholderNames.contains(name) {
                throw .unknownPlaceholder(name)
            }
        }
        root = value
    }

    /// The body for `fields`: compact JSON, keys sorted.
    public func render(_ fields: PageFields) -> [UInt8] {
        let values = fields.values
        let filled = root.mapStrings { Self.fill($0, values) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(filled)) ?? Data("{}".utf8))
    }

    static func placeholders(in text: String) throws(Problem) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw .unclosedPlaceholder }
            names.append(String(rest[open.upperBound..<close.lowerBound]).trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return names
    }

    static func fill(_ text: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            out += rest[..<open.lowerBound]
            out += values[String(rest[open.upperBound..<close.lowerBound]).trimmingSpaces] ?? ""
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private static func reason(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
        }
        return "\(error)"
    }
}
