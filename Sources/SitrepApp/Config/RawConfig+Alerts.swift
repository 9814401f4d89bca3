/// `alerts:` as written.
struct RawAlerts: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case tokenEnv = "token_env"
        case tokenFile = "token_file"
        case hmacSecretEnv = "hmac_secret_env"
        case hmacSecretFile = "hmac_secret_file"
        case maxBodyBytes = "max_body_bytes"
        case severityLabel = "severity_label"
        case severityMap = "severity_map"
        case maxLines = "max_lines"
        case rules
    }

    var tokenEnv: String?
    var tokenFile: String?
    var hmacSecretEnv: String?
    var hmacSecretFile: String?
    var maxBodyBytes: Int?
    var severityLabel: String?
    /// Label value → severity name, in file order.
    var severityMap: [NamedEntry<String>]?
    var maxLines: Int?
    var rules: [LenientElement<RawAlertRule>]?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        tokenEnv = reader.string(.tokenEnv)
        tokenFile = reader.string(.tokenFile)
        hmacSecretEnv = reader.string(.hmacSecretEnv)
        hmacSecretFile = reader.string(.hmacSecretFile)
        maxBodyBytes = reader.int(.maxBodyBytes)
        severityLabel = reader.string(.severityLabel)
        severityMap = reader.namedEntries(String.self, .severityMap, expected: "a severity (sev1 to sev4)")
        maxLines = reader.int(.maxLines)
        rules = reader.value([LenientElement<RawAlertRule>].self, .rules, expected: "a list of rules")
        problems = reader.problems + (rules ?? []).flatMap { $0.value?.problems ?? [] }
    }
}

/// One element of `alerts.rules` as written.
struct RawAlertRule: ConfigSection {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case match, action, severity
    }

    /// Label name → accepted values, in file order.
    var match: [NamedEntry<RawLabelValues>]?
    var action: String?
    var severity: String?
    var problems: [ConfigProblem]

    init(from decoder: any Decoder) throws {
        var reader = try MappingReader<CodingKeys>(decoder)
        match = reader.namedEntries(RawLabelValues.self, .match, expected: "a label value or a list of label values")
        action = reader.string(.action)
        severity = reader.string(.severity)
        problems = reader.problems
    }
}

/// The value of one matcher in a rule's `match:`: a label value or a list of them.
struct RawLabelValues: Decodable {
    var values: [String]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(String.self) {
            values = [value]
        } else {
            values = try container.decode([String].self)
        }
    }
}
