import Notify

/// The secrets of `web:`: the internal views' token, the acknowledge links' key and the on-call feeds' token. Their
/// problems name the key, never the value.
extension WebConfigReader {
    /// The shortest internal token accepted (e.g. `openssl rand -hex 32` gives 64 characters).
    static let minimumTokenLength = 16

    /// The internal views' token from exactly one of an environment variable or a file; none turns them off.
    static func internalToken(env: String?, file: String?, _ context: ConfigContext) -> Secret? {
        let token: Secret?
        let keyPath: String
        switch (env, file) {
        case (nil, nil):
            return nil
        case (.some, .some):
            context.report(
                "web.internal_token_file", "set only one of web.internal_token_env and web.internal_token_file")
            return nil
        case (let name?, nil):
            keyPath = "web.internal_token_env"
            token = context.secretFromEnvironment(name, keyPath: keyPath)
        case (nil, let path?):
            keyPath = "web.internal_token_file"
            token = context.secretFromFile(path, keyPath: keyPath)
        }
        guard let token else { return nil }
        if context.secrets.reads(keyPath), let problem = tokenProblem(token) {
            context.report(keyPath, problem)
            return nil
        }
        return token
    }

    /// `ack_secret_env` / `ack_secret_file`: the key of the acknowledge links in out-of-chat pages, at least
    /// `AckLinkSigner.minimumSecretLength` bytes; the links point at `public_url`, so that must be set too.
    static func ackSecret(env: String?, file: String?, hasPublicURL: Bool, _ context: ConfigContext) -> Secret? {
        let secret = context.optionalSecret(in: "web", env: ("ack_secret_env", env), file: ("ack_secret_file", file))
        guard let secret else { return nil }
        let keyPath = env != nil ? "web.ack_secret_env" : "web.ack_secret_file"
        guard context.secrets.reads(keyPath) else { return secret }
        do {
            _ = try AckLinkSigner(secret: Array(secret.reveal().utf8))
        } catch {
            context.report(keyPath, error.description)
            return nil
        }
        if !hasPublicURL {
            context.report("web.public_url", "must be set when \(keyPath) is: acknowledge links point at it")
        }
        return secret
    }

    /// `web.oncall_token_env` / `web.oncall_token_file`: the token of the on-call feeds that are not public. It
    /// travels in feed URLs (`?token=`), so it is limited to the characters a URL carries as they are.
    static func onCallToken(env: String?, file: String?, _ context: ConfigContext) -> Secret? {
        guard
            let token = context.optionalSecret(
                in: "web", env: ("oncall_token_env", env), file: ("oncall_token_file", file))
        else { return nil }
        let keyPath = env != nil ? "web.oncall_token_env" : "web.oncall_token_file"
        guard context.secrets.reads(keyPath) else { return token }
        let urlSafe = token.reveal().unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-._~".unicodeScalars.contains($0))
        }
        if let problem = tokenProblem(token) ?? (urlSafe ? nil : "the token goes into feed URLs: use only letters, digits and - . _ ~ (e.g. from openssl rand -hex 32)") {
            context.report(keyPath, problem)
            return nil
        }
        return token
    }

    /// Why a token is too weak or cannot be sent in an `Authorization` header. Never quotes the token.
    static func tokenProblem(_ token: Secret) -> String? {
        let value = token.reveal()
        let printable = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
        guard printable, value.count >= minimumTokenLength else {
            return "the token must be at least \(minimumTokenLength) printable ASCII characters without spaces "
                + "(e.g. from openssl rand -hex 32)"
        }
        return nil
    }
}
