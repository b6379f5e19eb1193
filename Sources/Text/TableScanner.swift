/// Reads the generated tables' text (numbers, letters, words separated by spaces and newlines)
/// straight from UTF-8, without making a string per field: loading them is on every cold start.
struct TableScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Calls `body` with a scanner over `text`.
    static func scan<Result>(_ text: String, _ body: (inout TableScanner) -> Result) -> Result {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = TableScanner(bytes)
            return body(&scanner)
        }
    }

    var atEnd: Bool { position >= bytes.count }
    var atLineEnd: Bool { atEnd || bytes[position] == 0x0A }

    /// Skips one separator (space, comma or newline).
    mutating func skipSeparator() { if !atEnd { position += 1 } }

    mutating func hexadecimal() -> UInt32 {
        var value: UInt32 = 0
        while !atEnd, let digit = Self.hexDigit(bytes[position]) { value = value << 4 | digit; position += 1 }
        return value
    }

    mutating func decimal() -> Int {
        var value = 0
        while !atEnd, bytes[position] >= 0x30, bytes[position] <= 0x39 { value = value * 10 + Int(bytes[position] - 0x30); position += 1 }
        return value
    }

    mutating func byte() -> UInt8 {
        defer { position += 1 }
        return bytes[position]
    }

    /// The scalars up to the next space or newline.
    mutating func word() -> [UInt32] {
        let start = position
        while !atEnd, bytes[position] != 0x20, bytes[position] != 0x0A { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self).unicodeScalars.map(\.value)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }
}
