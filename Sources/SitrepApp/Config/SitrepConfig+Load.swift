import Yams

extension SitrepConfig {
    /// Which secrets loading a config reads. `run` needs them all; the commands that only read the store
    /// (`export`, `verify`, `report`, `search`, `review`) need only the store's, so an operator can run them without
    /// the chat passwords in the environment. A secret not read is an empty placeholder, never sent anywhere.
    public enum Secrets: Sendable {
        case all
        /// Only `store.*` secrets (the PostgreSQL password).
        case store

        /// Whether the secret at `keyPath` (`matrix.password_env`, `store.postgres.password_file`) is read.
        func reads(_ keyPath: String) -> Bool {
            switch self {
            case .all: true
            case .store: keyPath.hasPrefix("store.")
            }
        }
    }

    /// Reads, decodes and validates the config file at `path` and resolves its secrets.
    ///
    /// - Parameters:
    ///   - path: the YAML file; a relative path is taken from the current directory. Relative paths *inside* the
    ///     file are resolved against the file's own directory.
    ///   - environment: where `irc.sasl.password_env` is looked up, usually `ProcessInfo.processInfo.environment`.
    ///   - secrets: which secrets to read; commands that only read the store pass `.store`.
    /// - Throws: ``ConfigError``, listing every problem at once.
    public static func load(path: String, environment: [String: String], secrets: Secrets = .all)
        throws(ConfigError) -> SitrepConfig
    {
        let absolutePath = ConfigFiles.absolute(path, relativeTo: ConfigFiles.currentDirectory)
        switch ConfigFiles.read(absolutePath) {
        case .success(let yaml):
            return try parse(yaml: yaml, path: absolutePath, environment: environment, secrets: secrets)
        case .failure(let failure):
            throw .unreadable(path: absolutePath, reason: failure.reason)
        }
    }

    /// Decodes and validates `yaml` as if read from the absolute `path`.
    static func parse(yaml: String, path: String, environment: [String: String], secrets: Secrets = .all)
        throws(ConfigError) -> SitrepConfig
    {
        let context = ConfigContext(
            configDirectory: ConfigFiles.directory(of: path), environment: environment, secrets: secrets)
        let config = ConfigFileReader.read(try fileReader(yaml: yaml, path: path, context: context))
        guard context.problems.isEmpty else {
            throw .invalid(path: path, problems: context.problems)
        }
        return config
    }

    /// A reader of the top-level mapping of `yaml` (the sections of ``ConfigFileReader/Key``); throws a syntax
    /// error, or when the file is not a mapping.
    static func fileReader<Key>(yaml: String, path: String, context: ConfigContext)
        throws(ConfigError) -> ConfigReader<Key>
    {
        let node: Node
        do {
            // The same resolver as YAMLDecoder: scalars stay untyped until a field asks for a type.
            let parser = try Parser(yaml: yaml, resolver: Resolver.basic.appending(Resolver.Rule.merge))
            node = try parser.singleRoot() ?? Node.mapping(Node.Mapping([]))
        } catch {
            throw syntaxError(error, path: path)
        }
        do {
            let decoder = try YAMLDecoder().decode(DecoderCapture.self, from: node).decoder
            return try ConfigReader(decoder, context: context)
        } catch {
            let problem = ConfigProblem(
                keyPath: "(top level)",
                reason: "expected a mapping with the sections \(sectionNames)"
            )
            throw .invalid(path: path, problems: [problem])
        }
    }

    /// `irc, logging, store, incidents and people`.
    private static var sectionNames: String {
        let names = ConfigFileReader.Key.allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// A YAML error as `FILE:LINE:COLUMN: ...`, without the document text Yams attaches to some errors.
    private static func syntaxError(_ error: any Error, path: String) -> ConfigError {
        guard let yamlError = error as? YamlError else {
            return .syntax(path: path, line: 1, column: 1, reason: "\(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let reason = context.map { "\($0.text) (from line \($0.mark.line)): \(problem)" } ?? problem
            return .syntax(path: path, line: mark.line, column: mark.column, reason: reason)
        case .reader(let problem, let offset, _, let yaml):
            let prefix = yaml.utf8.prefix(offset ?? 0)
            let line = prefix.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            return .syntax(path: path, line: line, column: 1, reason: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.joined(separator: ", ")
            return .syntax(
                path: path,
                line: context.mark.line,
                column: context.mark.column,
                reason: "duplicate key \(keys)"
            )
        default:
            return .syntax(path: path, line: 1, column: 1, reason: "\(yamlError)")
        }
    }
}

extension SitrepConfig {
    /// Settings that are valid but weaken security, for `check-config` and the startup log.
    public var warnings: [ConfigProblem] {
        var warnings: [ConfigProblem] = irc.map(Self.warnings(irc:)) ?? []
        if let matrix, matrix.insecure {
            warnings.append(
                ConfigProblem(keyPath: "matrix.tls.insecure", reason: "true; the homeserver certificate is not verified"))
        }
        return warnings + peopleWarnings + webWarnings
    }

    private static func warnings(irc: IRC) -> [ConfigProblem] {
        var warnings: [ConfigProblem] = []
        if !irc.tls.enabled {
            var reason = "false; the connection to the server is plaintext"
            if case .plain = irc.sasl.mechanism { reason += ", including the SASL password" }
            warnings.append(ConfigProblem(keyPath: "irc.tls.enabled", reason: reason))
        }
        if irc.tls.insecure {
            warnings.append(
                ConfigProblem(keyPath: "irc.tls.insecure", reason: "true; the server certificate is not verified")
            )
        }
        if irc.sasl.mechanism != .none && !irc.sasl.required {
            warnings.append(
                ConfigProblem(
                    keyPath: "irc.sasl.required",
                    reason: "false; if SASL fails the bot continues unauthenticated"
                )
            )
        }
        return warnings
    }

    /// Nick entries of `people:` and `escalation.teams` that are ignored, or the weaker trust when they are not.
    /// Team members follow the rule of `people:`, as a team is a roster of people; the nick entries of a `notify:`
    /// list are never ignored, as a page grants no rights.
    private var peopleWarnings: [ConfigProblem] {
        guard !people.allowNickIdentities else {
            return [
                ConfigProblem(
                    keyPath: "people.allow_nick_identities",
                    reason: "true; rights can follow a nick without an account, which anyone may take"
                )
            ]
        }
        var warnings: [ConfigProblem] = []
        let lists =
            [("people.commanders", people.commanders), ("people.responders", people.responders)]
            + escalation.teams.sorted { $0.key < $1.key }.map { ("escalation.teams.\($0.key)", $0.value) }
        for (keyPath, list) in lists {
            for (index, identity) in list.enumerated() where !identity.isAuthenticated {
                let reason =
                    "\(IRCNameRules.quoted(IdentityEntry.written(identity))) is ignored because "
                    + "people.allow_nick_identities is false; list the services account instead"
                warnings.append(ConfigProblem(keyPath: "\(keyPath)[\(index)]", reason: reason))
            }
        }
        return warnings
    }

    /// `web.listen` binds an address other hosts can reach, or `alerts:` is set without a web server to serve it.
    var webWarnings: [ConfigProblem] {
        if web == nil, alerts != nil {
            let reason = "the alert hooks are served by the web server, which is off: add a web: section (web: {} for the defaults)"
            return [ConfigProblem(keyPath: "alerts", reason: reason)]
        }
        guard let web, !web.isLoopbackOnly else { return [] }
        let reason =
            "binds \(web.host), reachable from other hosts; serve it behind a reverse proxy with TLS, or bind "
            + "127.0.0.1 and let the proxy connect there"
        return [ConfigProblem(keyPath: "web.listen", reason: reason)]
    }
}

/// Keeps the decoder Yams creates for a document, so a ``ConfigReader`` can read it.
private struct DecoderCapture: Decodable {
    let decoder: any Decoder

    init(from decoder: any Decoder) {
        self.decoder = decoder
    }
}
