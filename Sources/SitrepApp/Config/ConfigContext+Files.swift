/// Secrets and files named in the config. Files are resolved against the config file's directory and read once
/// here, so a missing or mistyped path is reported before the bot ever connects; a secret is never put into a
/// problem, only the variable or file it comes from.
extension ConfigContext {
    /// A secret from at most one of an environment variable (the key `env.key` under `section` names it) or a
    /// file (trailing newlines trimmed); nil without a problem when neither key is set.
    func optionalSecret(
        in section: String, env: (key: String, value: String?), file: (key: String, value: String?)
    ) -> Secret? {
        switch (env.value, file.value) {
        case (nil, nil):
            return nil
        case (.some, .some):
            report("\(section).\(file.key)", "set only one of \(section).\(env.key) and \(section).\(file.key)")
            return nil
        case (let name?, nil):
            return secretFromEnvironment(name, keyPath: "\(section).\(env.key)")
        case (nil, let path?):
            return secretFromFile(path, keyPath: "\(section).\(file.key)")
        }
    }

    /// The secret in environment variable `name`, named in the config at `keyPath` (a `…_env` key).
    func secretFromEnvironment(_ name: String, keyPath: String) -> Secret? {
        guard !name.isEmpty else {
            report(keyPath, "must name an environment variable")
            return nil
        }
        guard secrets.reads(keyPath) else { return Secret("") }
        guard let value = environment[name] else {
            report(keyPath, "environment variable \(name) is not set")
            return nil
        }
        guard !value.isEmpty else {
            report(keyPath, "environment variable \(name) is empty")
            return nil
        }
        return Secret(value)
    }

    /// The secret in the file at `path` (trailing newlines trimmed), named in the config at `keyPath`.
    func secretFromFile(_ path: String, keyPath: String) -> Secret? {
        guard secrets.reads(keyPath) else { return Secret("") }
        guard let (absolute, text) = readFile(path, keyPath) else { return nil }
        var secret = Substring(text)
        while secret.last == "\n" || secret.last == "\r\n" || secret.last == "\r" {
            secret = secret.dropLast()
        }
        guard !secret.isEmpty else {
            report(keyPath, "\(absolute) is empty")
            return nil
        }
        return Secret(String(secret))
    }

    /// What a PEM file must contain.
    enum PEMKind {
        case certificate, privateKey

        func matches(_ text: String) -> Bool {
            switch self {
            case .certificate: text.contains("-----BEGIN CERTIFICATE-----")
            case .privateKey: text.contains("-----BEGIN ") && text.contains("PRIVATE KEY-----")
            }
        }

        var name: String {
            switch self {
            case .certificate: "a PEM certificate (no BEGIN CERTIFICATE block)"
            case .privateKey: "a PEM private key (no BEGIN PRIVATE KEY block)"
            }
        }
    }

    /// The absolute path of a PEM file, checked to be readable and of the right kind. The path is returned even
    /// when it has a problem, so dependent checks do not report it a second time.
    func pemFile(_ path: String?, _ keyPath: String, _ kind: PEMKind) -> String? {
        guard let path else { return nil }
        guard let (absolute, text) = readFile(path, keyPath) else {
            return ConfigFiles.absolute(path, relativeTo: configDirectory)
        }
        if !kind.matches(text) {
            report(keyPath, "\(absolute) is not \(kind.name)")
        }
        return absolute
    }

    /// The absolute path and contents of a file named in the config, or `nil` after reporting why not.
    func readFile(_ path: String, _ keyPath: String) -> (String, String)? {
        guard !path.isEmpty else {
            report(keyPath, "must not be empty")
            return nil
        }
        let absolute = ConfigFiles.absolute(path, relativeTo: configDirectory)
        switch ConfigFiles.read(absolute) {
        case .success(let text):
            return (absolute, text)
        case .failure(let failure):
            report(keyPath, "cannot read \(absolute) (\(failure.reason))")
            return nil
        }
    }
}
