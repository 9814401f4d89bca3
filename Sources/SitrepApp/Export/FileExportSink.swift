import Exports
import Foundation

/// Writes an export to a file (created or truncated) or to standard output, in 256 KiB chunks.
public struct FileExportSink: ExportSink {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private static let chunk = 256 * 1024

    /// Standard output.
    public init() {
        handle = .standardOutput
        path = "standard output"
        buffer.reserveCapacity(Self.chunk)
    }

    /// The file at `path`, created or truncated.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw ExportError.cannotWrite(path: path, reason: "cannot create the file")
        }
        self.handle = handle
        self.path = path
        buffer.reserveCapacity(Self.chunk)
    }

    public mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.chunk { try flush() }
    }

    /// Writes what is buffered; call once at the end.
    public mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw ExportError.cannotWrite(path: path, reason: "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
