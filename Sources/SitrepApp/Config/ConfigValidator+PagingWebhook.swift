import Foundation
import Notify
import SitrepCore

/// `paging.contacts.NAME.webhook`: a URL, or `{ url, template | template_file, headers, headers_env, headers_file }`.
/// A bad URL, template, placeholder or header name, a header given twice or a missing variable or file fails at
/// start naming the key (`paging.contacts.bob.webhook.template: unknown placeholder {{nope}}; …`).
extension ConfigValidator {
    mutating func validateWebhook(_ raw: RawWebhook?, _ keyPath: String) -> SitrepConfig.Paging.Webhook? {
        guard let raw else { return nil }
        let urlPath = raw.isBareURL ? keyPath : "\(keyPath).url"
        guard let url = checked(required(raw.url, urlPath), urlPath, Self.webhookProblem) else { return nil }
        let template = validateTemplate(raw, keyPath)
        let headers = validateHeaders(raw, keyPath)
        return SitrepConfig.Paging.Webhook(url: url, template: template ?? .standard, headers: headers)
    }

    /// The body's template from `template` (JSON) or `template_file`; `.standard` when neither is given.
    private mutating func validateTemplate(_ raw: RawWebhook, _ keyPath: String) -> WebhookTemplate? {
        let json: String
        let jsonPath: String
        switch (raw.template, raw.templateFile) {
        case (nil, nil):
            return .standard
        case (.some, .some):
            report("\(keyPath).template_file", "set only one of \(keyPath).template and \(keyPath).template_file")
            return nil
        case (let text?, nil):
            (json, jsonPath) = (text, "\(keyPath).template")
        case (nil, let path?):
            jsonPath = "\(keyPath).template_file"
            guard let (_, text) = readFile(path, jsonPath) else { return nil }
            json = text
        }
        do {
            return try WebhookTemplate(json: json)
        } catch {
            report(jsonPath, Self.templateProblem(error))
            return nil
        }
    }

    static func templateProblem(_ problem: WebhookTemplate.Problem) -> String {
        switch problem {
        case .invalidJSON(let reason): "not valid JSON: \(reason)"
        case .unknownPlaceholder(let name):
            "unknown placeholder {{\(name)}}; use "
                + PageFields.placeholderNames.map { "{{\($0)}}" }.joined(separator: ", ")
        case .unclosedPlaceholder: "has a {{ without a matching }}"
        }
    }

    /// The extra headers, each from exactly one of `headers` (the value), `headers_env` (an environment variable)
    /// and `headers_file` (a file, trailing newlines trimmed), in that order.
    private mutating func validateHeaders(
        _ raw: RawWebhook, _ keyPath: String
    ) -> [SitrepConfig.Paging.Webhook.Header] {
        var headers: [SitrepConfig.Paging.Webhook.Header] = []
        var seen: [String: String] = [:]
        let sources: [(key: String, entries: [NamedEntry<String>]?)] = [
            ("headers", raw.headers), ("headers_env", raw.headersEnv), ("headers_file", raw.headersFile),
        ]
        for (key, entries) in sources {
            for entry in entries ?? [] {
                let path = "\(keyPath).\(key).\(entry.name)"
                guard let given = entry.value else { continue }
                if let problem = Self.headerNameProblem(entry.name) {
                    report(path, problem)
                    continue
                }
                if let first = seen[entry.name.lowercased()] {
                    report(path, "\(entry.name) is already set by \(first)")
                    continue
                }
                seen[entry.name.lowercased()] = path
                let value: Secret? =
                    switch key {
                    case "headers_env": secretFromEnvironment(given, keyPath: path)
                    case "headers_file": secretFromFile(given, keyPath: path)
                    default: Secret(given)
                    }
                guard let value else { continue }
                let isControl = { (scalar: Unicode.Scalar) in
                    (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
                }
                if value.reveal().unicodeScalars.contains(where: isControl) {
                    report(path, "the value holds a line break or control character")
                    continue
                }
                headers.append(.init(name: entry.name, value: value))
            }
        }
        return headers
    }

    /// Nil for an HTTP header name (a token) sitrep does not set itself, else why not.
    static func headerNameProblem(_ name: String) -> String? {
        let token = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        guard !name.isEmpty, name.allSatisfy({ token.contains($0) }) else {
            return "not an HTTP header name: \(IRCNameRules.quoted(name)) (letters, digits and -)"
        }
        if SitrepConfig.Paging.Webhook.reservedHeaders.contains(name.lowercased()) {
            return "\(name) is set by sitrep and cannot be configured"
        }
        return nil
    }
}
