import Foundation

/// Buffered line output that flushes every line when the destination is a pipe or terminal, so a
/// stream stage (Spark's `RDD.pipe`, a shell pipeline) sees each result as soon as it exists.
public final class LineWriter {
    private let handle: FileHandle
    private let flushEachLine: Bool
    private var buffer: [UInt8] = []

    public init(handle: FileHandle) {
        self.handle = handle
        var status = stat()
        let isFile = fstat(handle.fileDescriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        flushEachLine = !isFile
    }

    public func write(line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if flushEachLine || buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
