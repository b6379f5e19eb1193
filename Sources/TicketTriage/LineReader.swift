import Foundation

/// One line of an input stream: its text, or why it cannot be used.
public enum InputLine: Sendable, Equatable {
    /// `number` is 1-based.
    case text(number: Int, String)
    case error(number: Int, message: String)

    public var number: Int {
        switch self {
        case let .text(number, _), let .error(number, _): number
        }
    }
}

/// Reads a stream line by line with bounded memory: a line over `maxBytes` is reported, not
/// buffered, and invalid UTF-8 is reported with its byte offset; the stream goes on after both.
/// A final line without a newline is read as a line; CRLF ends are accepted.
public struct LineReader: Sequence, IteratorProtocol {
    private let handle: FileHandle
    private let maxBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var lineNumber = 0
    private static let chunkSize = 1 << 16

    public init(handle: FileHandle, maxBytes: Int) {
        self.handle = handle
        self.maxBytes = maxBytes
    }

    public mutating func next() -> InputLine? {
        var line: [UInt8] = []
        var overLimit = false
        while true {
            if position == buffer.count {
                if atEnd { break }
                let data = handle.readData(ofLength: Self.chunkSize)
                if data.isEmpty { atEnd = true; break }
                buffer = Array(data)
                position = 0
            }
            let newline = buffer[position...].firstIndex(of: 0x0A)
            let end = newline ?? buffer.count
            if !overLimit {
                if line.count + (end - position) > maxBytes + 1 { overLimit = true; line = [] } else { line += buffer[position..<end] }
            }
            position = newline.map { $0 + 1 } ?? buffer.count
            if newline != nil { return finish(line, overLimit: overLimit, sawNewline: true) }
        }
        if line.isEmpty && !overLimit { return nil }
        return finish(line, overLimit: overLimit, sawNewline: false)
    }

    private mutating func finish(_ line: [UInt8], overLimit: Bool, sawNewline: Bool) -> InputLine {
        lineNumber += 1
        var line = line
        if line.last == 0x0D { line.removeLast() }
        if overLimit || line.count > maxBytes {
            return .error(number: lineNumber, message: "line longer than --max-bytes (\(maxBytes) bytes)")
        }
        if let bad = UTF8Validation.firstInvalidByte(in: line) {
            return .error(number: lineNumber, message: "invalid UTF-8 at byte \(bad)")
        }
        return .text(number: lineNumber, String(decoding: line, as: UTF8.self))
    }
}
