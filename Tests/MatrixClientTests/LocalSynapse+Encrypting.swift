import Foundation

/// The second, encrypting Synapse: `SYNAPSE_ENCRYPT_BY_DEFAULT=all deploy/local/synapse.sh up .local/synapse-e2ee`
/// (on ports of its own), where every new room is end-to-end encrypted and the independent human client
/// (`deploy/local/e2ee_human.py` on matrix-nio with python-olm) has its venv. The other Matrix tests keep the plain
/// one: their people post in the clear.
///
/// Read from the env file `SITREP_MATRIX_E2EE_ENV` names, else `<package root>/.local/synapse-e2ee/env` (never from
/// the process's `SITREP_MATRIX_*`, which describe the plain server). Skipped, loudly, without it on a developer
/// machine; failed when `CI=true`.
extension LocalSynapse {
    static let encrypting: Result<LocalSynapse, Unavailable> = {
        let result = Result { try loadEncrypting() }.mapError {
            var unavailable = $0 as? Unavailable ?? Unavailable(reason: "\($0)")
            unavailable.server = "THE ENCRYPTING SYNAPSE"
            unavailable.start = """
                `SYNAPSE_ENCRYPT_BY_DEFAULT=all SYNAPSE_PLAIN_PORT=8018 SYNAPSE_TLS_PORT=8458 \
                deploy/local/synapse.sh up .local/synapse-e2ee` (needs `apt-get install python3-olm`)
                """
            return unavailable
        }
        if case .failure(let error) = result {
            let verdict = isCI ? "CI=true, so these tests FAIL" : "the independent-client encryption tests are SKIPPED"
            FileHandle.standardError.write(Data("\n*** \(error.description)\n*** \(verdict).\n\n".utf8))
        }
        return result
    }()

    static var encryptingShouldRun: Bool {
        if isCI { return true }
        if case .success = encrypting { return true }
        return false
    }

    static func requireEncrypting() throws -> LocalSynapse {
        try encrypting.get()
    }

    private static func loadEncrypting() throws -> LocalSynapse {
        let file = ProcessInfo.processInfo.environment["SITREP_MATRIX_E2EE_ENV"] ?? ".local/synapse-e2ee/env"
        let values = try envFile(file)
        guard let mode = values["SITREP_MATRIX_ENCRYPT_BY_DEFAULT"], !mode.isEmpty else {
            throw Unavailable(reason: "\(file) is not of the encrypting profile (no SITREP_MATRIX_ENCRYPT_BY_DEFAULT)")
        }
        let synapse = try LocalSynapse(values: values)
        guard let python = synapse.humanPython, FileManager.default.isExecutableFile(atPath: python) else {
            throw Unavailable(reason: "the human client's Python (SITREP_MATRIX_HUMAN_PYTHON in \(file)) is missing")
        }
        return synapse
    }
}
