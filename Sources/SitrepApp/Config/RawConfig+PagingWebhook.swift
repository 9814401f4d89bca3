/// `paging.contacts.NAME.webhook` as written: a URL (`webhook: https://…`, the standard body), or a mapping with
/// the URL, the body's template (inline JSON or a file) and extra headers, whose values are written out
/// (`headers`), named by an environment variable (`headers_env`) or read from a file (`headers_file`).
struct RawWebhook: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case url, template
        case templateFile = "template_file"
        case headers
        case headersEnv = "headers_env"
        case headersFile = "headers_file"
    }

    var url: String?
    var template: String?
    var templateFile: String?
    var headers: [NamedEntry<String>]?
    var headersEnv: [NamedEntry<String>]?
    var headersFile: [NamedEntry<String>]?
    /// Whether it was written as a bare URL (`webhook: https://…`), so problems with it are named `…webhook`.
    var isBareURL = false
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        if let url = try? decoder.singleValueContainer().decode(String.self) {
            self.url = url
            isBareURL = true
            problems = []
            return
        }
        var reader = try MappingReader<CodingKeys>(decoder)
        url = reader.string(.url)
        template = reader.string(.template)
        templateFile = reader.string(.templateFile)
        headers = reader.namedEntries(String.self, .headers, expected: "a header value")
        headersEnv = reader.namedEntries(String.self, .headersEnv, expected: "an environment variable's name")
        headersFile = reader.namedEntries(String.self, .headersFile, expected: "a file's path")
        problems = reader.problems
    }
}
