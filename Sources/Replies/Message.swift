import Foundation
import ICUBridge

/// A value for a message argument.
public enum MessageValue: Sendable, Hashable {
    case text(String)
    case number(Double)
    case date(Date)
}

/// A compiled ICU MessageFormat pattern with named arguments (`{customerName}`, `select`,
/// `plural`, dates), formatted through ICU's C++ `MessageFormat`.
final class Message: @unchecked Sendable {
    // @unchecked: the bridge formats one call at a time per message.
    private let handle: OpaquePointer
    /// The argument names the pattern uses, in order of first use.
    let argumentNames: [String]

    struct SyntaxError: Error {
        /// 1-based line and 0-based UTF-16 offset in that line, when ICU knows them.
        var line: Int
        var offset: Int?
        var name: String
    }

    init(pattern: String, locale: String, timeZone: String) throws(SyntaxError) {
        let units = Array(pattern.utf16)
        var line: Int32 = 0, offset: Int32 = -1
        var errorName = [CChar](repeating: 0, count: 64)
        guard let handle = units.withUnsafeBufferPointer({ tt_message_open($0.baseAddress, Int32($0.count), locale, timeZone, &line, &offset, &errorName, 64) }) else {
            throw SyntaxError(line: max(Int(line), 1), offset: offset >= 0 ? Int(offset) : nil, name: Self.text(errorName))
        }
        self.handle = handle
        let needed = Int(tt_message_argument_names(handle, nil, 0))
        var names = [UInt16](repeating: 0, count: needed)
        _ = tt_message_argument_names(handle, &names, Int32(needed))
        argumentNames = names.split(separator: 0).map { String(decoding: $0, as: UTF16.self) }
    }

    deinit { tt_message_close(handle) }

    /// A NUL-terminated C string from the bridge.
    private static func text(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text with `arguments` filled in; ICU's error name when it cannot be formatted (a
    /// `plural` given text, say). An argument the pattern names but `arguments` lacks comes out as
    /// `{name}`: callers that may lack one check for it.
    func format(_ arguments: [String: MessageValue]) -> Result<String, FormatError> {
        // Names and texts share one UTF-16 buffer, so a single pointer stays valid for the call.
        var storage: [UInt16] = []
        var spans: [(name: Range<Int>, text: Range<Int>, kind: Int32, number: Double)] = []
        for (name, value) in arguments {
            let nameStart = storage.count
            storage += name.utf16
            let textStart = storage.count
            var kind = Int32(TT_ARGUMENT_TEXT), number = 0.0
            switch value {
            case let .text(text): storage += text.utf16
            case let .number(value): (kind, number) = (Int32(TT_ARGUMENT_NUMBER), value)
            case let .date(date): (kind, number) = (Int32(TT_ARGUMENT_DATE), date.timeIntervalSince1970 * 1000)
            }
            spans.append((nameStart..<textStart, textStart..<storage.count, kind, number))
        }
        var errorName = [CChar](repeating: 0, count: 64)
        var capacity = 256
        while true {
            var output = [UInt16](repeating: 0, count: capacity)
            let length = storage.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress
                let bridged = spans.map { span in
                    tt_message_argument(name: base.map { $0 + span.name.lowerBound }, nameLength: Int32(span.name.count), kind: span.kind,
                                        text: base.map { $0 + span.text.lowerBound }, textLength: Int32(span.text.count), number: span.number)
                }
                return tt_message_format(handle, bridged, Int32(bridged.count), &output, Int32(capacity), &errorName, 64)
            }
            if length < 0 { return .failure(FormatError(name: Self.text(errorName))) }
            if Int(length) <= capacity { return .success(String(decoding: output[..<Int(length)], as: UTF16.self)) }
            capacity = Int(length)
        }
    }

    struct FormatError: Error {
        var name: String
    }
}
