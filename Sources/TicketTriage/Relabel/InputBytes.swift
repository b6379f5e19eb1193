import Foundation
import ICUBridge

/// An input file (or standard input) as a stream of UTF-8 bytes: converted from the file's charset
/// by ICU when it is not UTF-8, and able to start again at a byte offset of that UTF-8 stream
/// (for `--resume`).
final class InputBytes {
    let path: String
    let charset: String?
    /// Bytes of the UTF-8 stream handed out so far (from the start of the stream).
    private(set) var offset = 0
    /// Bytes of the file read so far, for progress.
    private(set) var fileBytesRead = 0
    private var handle: FileHandle
    private var converter: OpaquePointer?
    private var atEnd = false

    struct OpenError: Error, CustomStringConvertible {
        var description: String
    }

    /// `path` "-" is standard input; `charset` nil or UTF-8 reads the bytes as they are.
    init(path: String, charset: String?) throws(OpenError) {
        self.path = path
        let isUTF8 = charset.map { ["utf-8", "utf8"].contains($0.lowercased()) } ?? true
        self.charset = isUTF8 ? nil : charset
        handle = try Self.open(path)
        converter = try self.charset.map { name throws(OpenError) in try Self.converter(name) }
    }

    deinit { tt_converter_close(converter) }

    /// The file's size, when it is a regular file.
    var fileSize: Int? {
        guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return (attributes[.size] as? NSNumber)?.intValue
    }

    /// The next bytes of the UTF-8 stream; empty at the end.
    func read() -> [UInt8] {
        while !atEnd {
            let data = handle.readData(ofLength: 1 << 16)
            fileBytesRead += data.count
            let bytes: [UInt8]
            if let converter {
                var output = [UInt16](repeating: 0, count: 2 * data.count + 16)
                let length = data.withUnsafeBytes { raw in
                    tt_converter_to_utf16(converter, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(data.count), data.isEmpty ? 1 : 0, &output, Int32(output.count))
                }
                bytes = Array(String(decoding: output[..<max(0, Int(length))], as: UTF16.self).utf8)
            } else {
                bytes = Array(data)
            }
            if data.isEmpty { atEnd = true }
            if !bytes.isEmpty {
                offset += bytes.count
                return bytes
            }
        }
        return []
    }

    /// Starts again at `target`, a byte offset of the UTF-8 stream: a seek for UTF-8 files,
    /// converting from the start and dropping bytes otherwise. Returns the bytes of the chunk that
    /// holds the target, from the target on.
    func restart(at target: Int) throws(OpenError) -> [UInt8] {
        guard path != "-" else { throw OpenError(description: "standard input cannot be read again; resume needs a file") }
        handle = try Self.open(path)
        atEnd = false
        if let charset {
            tt_converter_close(converter)
            converter = try Self.converter(charset)
            offset = 0
            fileBytesRead = 0
            while true {
                let before = offset
                let bytes = read()
                if bytes.isEmpty { return [] }
                if offset > target { return Array(bytes[(target - before)...]) }
            }
        }
        try? handle.seek(toOffset: UInt64(target))
        offset = target
        fileBytesRead = target
        return []
    }

    private static func open(_ path: String) throws(OpenError) -> FileHandle {
        if path == "-" { return .standardInput }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OpenError(description: "cannot read \(path): no such file or not readable") }
        return handle
    }

    private static func converter(_ name: String) throws(OpenError) -> OpaquePointer {
        var errorName = [CChar](repeating: 0, count: 64)
        guard let converter = tt_converter_open(name, &errorName, 64) else {
            throw OpenError(description: "unknown encoding \(name); give an ICU charset name such as GB18030, GBK or Big5")
        }
        return converter
    }
}
