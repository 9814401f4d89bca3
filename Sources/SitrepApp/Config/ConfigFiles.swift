import Foundation

/// File access for the loader: resolving paths written in the config and reading files with a short reason on
/// failure (`no such file`, `is a directory`, `permission denied`).
enum ConfigFiles {
    /// `path` made absolute against `directory` (the config file's directory for paths inside the config, so a
    /// service started by systemd from `/` finds the same files as an operator in the config's folder), with
    /// `.` and `..` removed.
    static func absolute(_ path: String, relativeTo directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// The directory holding `file`, itself absolute.
    static func directory(of file: String) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
    }

    /// The current working directory, against which the config file's own path is resolved.
    static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }

    /// The UTF-8 text of the file at `path`, or why it cannot be read.
    static func read(_ path: String) -> Result<String, ReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ReadFailure(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ReadFailure(reason: "is a directory")) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return .failure(ReadFailure(reason: "permission denied"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ReadFailure(reason: "read failed"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ReadFailure(reason: "not UTF-8 text"))
        }
        return .success(text)
    }

    /// Why a database file cannot live at the absolute `path`, or `nil`. An existing file must be writable; its
    /// directory must be writable too (SQLite puts its `-wal` and `-shm` files next to it) or, if missing, creatable
    /// under its nearest existing ancestor.
    static func databaseLocationProblem(_ path: String) -> String? {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "\(path) is a directory; name the database file inside it" }
            if !files.isWritableFile(atPath: path) { return "\(path) is not writable" }
        }
        let parent = directory(of: path)
        var ancestor = parent
        while !files.fileExists(atPath: ancestor, isDirectory: &isDirectory) {
            let next = directory(of: ancestor)
            if next == ancestor { return "cannot create \(parent): no existing ancestor directory" }
            ancestor = next
        }
        guard isDirectory.boolValue else { return "cannot create \(parent): \(ancestor) is not a directory" }
        guard files.isWritableFile(atPath: ancestor) && files.isExecutableFile(atPath: ancestor) else {
            return ancestor == parent
                ? "directory \(parent) is not writable"
                : "cannot create \(parent): \(ancestor) is not writable"
        }
        return nil
    }

    /// Why a file could not be read, phrased for `cannot read PATH (REASON)`.
    struct ReadFailure: Error {
        var reason: String
    }
}
