import Foundation
import Notify
import SitrepCore

/// Reads and checks `paging.contacts.NAME.webhook`: a URL (`webhook: https://…`, the standard body), or
/// `{ url, template | template_file, headers, headers_env, headers_file }` with the body's template (inline JSON or a
/// file) and extra headers, whose values are written out, named by an environment variable or read from a file. A bad
/// URL, template, placeholder or header name, a header given twice or a missing variable or file fails at start naming
/// the key (`paging.contacts.bob.webhook.template: unknown placeholder {{nope}}; …`).
enum WebhookConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case url, template
        case templateFile = "template_file"
        case headers
        case headersEnv = "headers_env"
        case headersFile = "headers_file"
    }

    /// How a webhook is written.
    enum Written {
        /// `webhook: https://…`: problems with it are named `…webhook`.
        case url(String, ConfigContext)
        case mapping(ConfigReader<Key>)
    }

    /// The webhook at `key` of `contact`; nil when not set, or (reported) neither a URL nor a mapping.
    static func written<ContactKey>(_ contact: ConfigReader<ContactKey>, _ key: ContactKey) -> Written? {
        guard let decoder = contact.decoder(key) else { return nil }
        if let url = try? decoder.singleValueContainer().decode(String.self) { return .url(url, contact.context) }
        if let mapping = try? ConfigReader<Key>(decoder, context: contact.context) { return .mapping(mapping) }
        _ = contact.value(Never.self, key, expected: "a URL or a mapping with url (and template, headers)")
        return nil
    }

    /// The webhook at `keyPath`, or nil when its URL is missing or wrong (reported).
    static func read(_ written: Written, _ keyPath: String) -> SitrepConfig.Paging.Webhook? {
        switch written {
        case .url(let url, let context):
            guard let url = context.checked(url, keyPath, webhookProblem) else { return nil }
            return SitrepConfig.Paging.Webhook(url: url)
        case .mapping(let webhook):
            let context = webhook.context
            let rawURL = webhook.string(.url)
            let template = webhook.string(.template)
            let templateFile = webhook.string(.templateFile)
            let headers: [HeaderSource: [(name: String, value: String?)]?] = [
                .value: webhook.entryValues(String.self, .headers, expected: "a header value"),
                .environment: webhook.entryValues(String.self, .headersEnv, expected: "an environment variable's name"),
                .file: webhook.entryValues(String.self, .headersFile, expected: "a file's path"),
            ]
            let urlPath = "\(keyPath).url"
            guard let url = context.checked(context.required(rawURL, urlPath), urlPath, webhookProblem) else {
                return nil
            }
            let body = self.template(template, file: templateFile, keyPath, context)
            return SitrepConfig.Paging.Webhook(
                url: url, template: body ?? .standard, headers: self.headers(headers, keyPath, context))
        }
    }

    /// The body's template from `template` (JSON) or `template_file`; `.standard` when neither is given.
    private static func template(_ text: String?, file: String?, _ keyPath: String, _ context: ConfigContext)
        -> WebhookTemplate?
    {
        let json: String
        let jsonPath: String
        switch (text, file) {
        case (nil, nil):
            return .standard
        case (.some, .some):
            context.report("\(keyPath).template_file", "set only one of \(keyPath).template and \(keyPath).template_file")
            return nil
        case (let text?, nil):
            (json, jsonPath) = (text, "\(keyPath).template")
        case (nil, let path?):
            jsonPath = "\(keyPath).template_file"
            guard let (_, text) = context.readFile(path, jsonPath) else { return nil }
            json = text
        }
        do {
            return try WebhookTemplate(json: json)
        } catch {
            context.report(jsonPath, templateProblem(error))
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

    /// Where a header's value comes from, in the order the sources are read.
    private enum HeaderSource: String, CaseIterable {
        case value = "headers"
        case environment = "headers_env"
        case file = "headers_file"
    }

    /// The extra headers, each from exactly one of `headers` (the value), `headers_env` (an environment variable)
    /// and `headers_file` (a file, trailing newlines trimmed), in that order.
    private static func headers(
        _ sources: [HeaderSource: [(name: String, value: String?)]?], _ keyPath: String, _ context: ConfigContext
    ) -> [SitrepConfig.Paging.Webhook.Header] {
        var headers: [SitrepConfig.Paging.Webhook.Header] = []
        var seen: [String: String] = [:]
        for source in HeaderSource.allCases {
            for (name, given) in (sources[source] ?? nil) ?? [] {
                let path = "\(keyPath).\(source.rawValue).\(name)"
                guard let given else { continue }
                if let problem = headerNameProblem(name) {
                    context.report(path, problem)
                    continue
                }
                if let first = seen[name.lowercased()] {
                    context.report(path, "\(name) is already set by \(first)")
                    continue
                }
                seen[name.lowercased()] = path
                let value: Secret? =
                    switch source {
                    case .environment: context.secretFromEnvironment(given, keyPath: path)
                    case .file: context.secretFromFile(given, keyPath: path)
                    case .value: Secret(given)
                    }
                guard let value else { continue }
                let isControl = { (scalar: Unicode.Scalar) in
                    (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
                }
                if value.reveal().unicodeScalars.contains(where: isControl) {
                    context.report(path, "the value holds a line break or control character")
                    continue
                }
                headers.append(.init(name: name, value: value))
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

    /// Nil for an `https://` URL (or `http://` to this machine), else why not.
    static func webhookProblem(_ value: String) -> String? {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else { return "not a URL: \(IRCNameRules.quoted(value)) (write https://host/path)" }
        let local = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && local) else {
            return "must use https (http only to this machine), got \(IRCNameRules.quoted(value))"
        }
        return nil
    }
}
