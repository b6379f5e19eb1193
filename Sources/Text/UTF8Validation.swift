/// Where bytes stop being valid UTF-8.
public enum UTF8Validation {
    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil.
    /// (Inlinable, so that callers in other modules get a loop specialised to their byte type:
    /// the generic one costs a dynamic call per byte.)
    @inlinable
    public static func firstInvalidByte<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Int? where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int, minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index - bytes.startIndex
            }
            guard index + length <= bytes.endIndex else { return index - bytes.startIndex }
            var value = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index - bytes.startIndex }
                value = value << 6 | UInt32(byte & 0x3F)
            }
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
                return index - bytes.startIndex
            }
            index += length
        }
        return nil
    }
}
