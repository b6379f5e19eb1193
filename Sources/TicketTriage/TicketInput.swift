import Foundation

/// One ticket as a `classify` input line: `{"id": …, "text": …, "context": {…}, …}` or plain text.
public struct TicketInput: Sendable {
    /// The id as raw JSON (a string or a number), or nil when the line has none.
    public var rawID: String?
    public var text: String
    public var context: TicketContext
    /// Every other field, as raw JSON text, in input order (copied untouched under `input`).
    public var otherFields: [(key: String, value: String)]

    public enum Format: String, Sendable, CaseIterable {
        /// A line starting with `{` is JSON, any other line is text.
        case auto, jsonl, text
    }

    /// Reads one line; a line that is not a valid ticket throws a message for its error record.
    public static func parse(_ line: String, format: Format) throws(TicketInputError) -> TicketInput {
        let isJSON = switch format {
        case .jsonl: true
        case .text: false
        case .auto: line.first == "{"
        }
        guard isJSON else { return TicketInput(rawID: nil, text: line, context: TicketContext(), otherFields: []) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
              let fields = RawJSONObject.fields(of: line) else {
            throw TicketInputError(message: "not a valid JSON object", id: nil)
        }
        var rawID: String?
        if let id = object["id"] {
            guard id is String || (id is NSNumber && String(cString: (id as! NSNumber).objCType) != "c") else {
                throw TicketInputError(message: "id must be a string or a number", id: nil)
            }
            rawID = fields.first { $0.key == "id" }?.value
        }
        guard let text = object["text"] as? String else {
            throw TicketInputError(message: object["text"] == nil ? "missing text" : "text must be a string", id: rawID)
        }
        var context = TicketContext()
        if let value = object["context"] {
            guard let dictionary = value as? [String: Any] else { throw TicketInputError(message: "context must be an object", id: rawID) }
            do { context = try TicketContext(json: dictionary) } catch { throw TicketInputError(message: error.description, id: rawID) }
        }
        return TicketInput(rawID: rawID, text: text, context: context,
                           otherFields: fields.filter { !["id", "text", "context"].contains($0.key) })
    }
}

/// Why a line could not be read as a ticket, and its id when that much was readable.
public struct TicketInputError: Error, Sendable {
    public var message: String
    /// Raw JSON of the id.
    public var id: String?
}

/// Splits a JSON object's text into its top-level keys and the raw text of their values, so
/// fields can be copied without being re-encoded. Expects valid JSON.
enum RawJSONObject {
    static func fields(of text: String) -> [(key: String, value: String)]? {
        let bytes = Array(text.utf8)
        var index = 0
        func skipSpace() { while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 } }
        func skipString() {
            index += 1
            while index < bytes.count, bytes[index] != 0x22 { index += bytes[index] == 0x5C ? 2 : 1 }
            index += 1
        }
        func skipValue() {
            var depth = 0
            repeat {
                guard index < bytes.count else { return }
                switch bytes[index] {
                case 0x22: skipString(); continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D: depth -= 1
                case 0x2C where depth == 0: return
                default: break
                }
                index += 1
            } while depth > 0 || (index < bytes.count && ![0x2C, 0x7D, 0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]))
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == 0x7B else { return nil }
        index += 1
        var fields: [(key: String, value: String)] = []
        while true {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x7D { return fields }
            if bytes[index] == 0x2C { index += 1; continue }
            let keyStart = index
            skipString()
            let rawKey = String(decoding: bytes[keyStart..<index], as: UTF8.self)
            guard let key = (try? JSONSerialization.jsonObject(with: Data(rawKey.utf8), options: .fragmentsAllowed)) as? String else { return nil }
            skipSpace()
            guard index < bytes.count, bytes[index] == 0x3A else { return nil }
            index += 1
            skipSpace()
            let valueStart = index
            skipValue()
            fields.append((key, String(decoding: bytes[valueStart..<index], as: UTF8.self)))
        }
    }
}
