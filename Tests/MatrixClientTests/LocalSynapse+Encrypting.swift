import Foundation
import SitrepTestSupport

/// The second, encrypting Synapse: `SYNAPSE_ENCRYPT_BY_DEFAULT=all deploy/local/synapse.sh up .local/synapse-e2ee`
/// (on ports of its own), where every new room is end-to-end encrypted and the independent human client
/// (`deploy/local/e2ee_human.py` on matrix-nio with python-olm) has its venv. The other Matrix tests keep the plain
/// one: their people post in the clear.
///
/// Read from the env file `SITREP_MATRIX_E2EE_ENV` names, else `<package root>/.local/synapse-e2ee/env` (never from
/// the process's `SITREP_MATRIX_*`, which describe the plain server). Skipped, loudly, without it on a developer
/// machine; failed when `CI=true`.
extension LocalSynapse {
    static let encrypting = LocalServerAvailability(.encryptingSynapse) { () throws(LocalServerUnavailable) in
        let settings = try LocalServer.encryptingSynapse.settings()
        guard settings.optional("SITREP_MATRIX_ENCRYPT_BY_DEFAULT") != nil else {
            throw LocalServerUnavailable(
                .encryptingSynapse, "its env file is not of the encrypting profile (no SITREP_MATRIX_ENCRYPT_BY_DEFAULT)")
        }
        let synapse = try LocalSynapse(settings)
        guard let python = synapse.humanPython, FileManager.default.isExecutableFile(atPath: python) else {
            throw LocalServerUnavailable(
                .encryptingSynapse,
                "the human client's Python (SITREP_MATRIX_HUMAN_PYTHON) is missing (needs `apt-get install python3-olm`)")
        }
        return synapse
    }
}
