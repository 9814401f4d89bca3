import Matrix
import OlmCrypto

/// The account's keys as Matrix publishes them: device keys and one-time keys, each signed over its canonical
/// JSON by the device's Ed25519 key.
extension OlmAccount {
    /// The device keys of `deviceID` of `userID`, signed.
    public func deviceKeys(userID: String, deviceID: String) throws -> MatrixDeviceKeys {
        let identity = try identityKeys()
        var keys = MatrixDeviceKeys(
            userID: userID, deviceID: deviceID,
            keys: ["curve25519:\(deviceID)": identity.curve25519, "ed25519:\(deviceID)": identity.ed25519])
        keys.signatures = [userID: ["ed25519:\(deviceID)": try sign(MatrixCanonicalJSON.signable(keys))]]
        return keys
    }

    /// The unpublished one-time keys as `signed_curve25519:ID` → signed key.
    public func signedOneTimeKeys(userID: String, deviceID: String) throws -> [String: MatrixSignedKey] {
        var signed: [String: MatrixSignedKey] = [:]
        for (id, key) in try unpublishedOneTimeKeys() {
            var entry = MatrixSignedKey(key: key)
            entry.signatures = [userID: ["ed25519:\(deviceID)": try sign(MatrixCanonicalJSON.signable(entry))]]
            signed["signed_curve25519:\(id)"] = entry
        }
        return signed
    }
}

extension MatrixDeviceKeys {
    /// Whether the keys carry a valid signature of their own Ed25519 key (a device that is who it says it is, as
    /// far as its own keys go; cross-signing is not checked).
    public var isSelfSigned: Bool {
        guard let ed25519, let signature = signatures[userID]?["ed25519:\(deviceID)"],
            let text = try? MatrixCanonicalJSON.signable(self)
        else { return false }
        return Ed25519Verifier.isValid(signature: signature, of: text, by: ed25519)
    }
}

extension MatrixSignedKey {
    /// Whether `device` signed this key.
    public func isSigned(by device: MatrixDeviceKeys) -> Bool {
        guard let ed25519 = device.ed25519, let signature = signatures[device.userID]?["ed25519:\(device.deviceID)"],
            let text = try? MatrixCanonicalJSON.signable(self)
        else { return false }
        return Ed25519Verifier.isValid(signature: signature, of: text, by: ed25519)
    }
}
