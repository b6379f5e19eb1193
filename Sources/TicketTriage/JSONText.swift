/// Writes JSON by hand for the hot output paths (a line per ticket); keys keep their order.
public enum JSONText {
    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// An error record: `{"line":12,"error":"invalid UTF-8 at byte 40"}`, with `id` (raw JSON) when known.
    public static func errorRecord(line: Int, rawID: String? = nil, message: String) -> String {
        "{\"line\":\(line)" + (rawID.map { ",\"id\":\($0)" } ?? "") + ",\"error\":\(string(message))}"
    }

    /// A classify result line, as the contract gives it.
    /// `extra` fields (raw JSON values) follow the contract's fields (`relabel` adds the old label).
    public static func result(_ result: TriageResult, id: String, input: [(key: String, value: String)], extra: [(key: String, value: String)] = []) -> String {
        var line = "{\"id\":\(id),\"language\":\(string(result.language.rawValue)),\"category\":\(string(result.category))"
        line += ",\"subcategory\":" + (result.subcategory.map(string) ?? "null")
        line += ",\"flags\":[" + result.flags.map(string).joined(separator: ",") + "]"
        line += ",\"rules\":[" + result.rules.map { string($0.id) }.joined(separator: ",") + "]"
        if let reply = result.reply {
            line += ",\"reply\":{\"script\":\(string(reply.script)),\"locale\":\(string(reply.locale.rawValue)),\"text\":\(string(reply.text))}"
        }
        if !input.isEmpty { line += ",\"input\":{" + input.map { string($0.key) + ":" + $0.value }.joined(separator: ",") + "}" }
        for (key, value) in extra { line += "," + string(key) + ":" + value }
        return line + "}"
    }

    /// A token as the contract's `tokenize --format jsonl` prints it.
    public static func token(_ token: Token) -> String {
        "{\"text\":\(string(token.text)),\"normalized\":\(string(token.normalized)),\"script\":\(string(token.script))"
            + ",\"start\":\(token.start.byte),\"end\":\(token.end.byte)"
            + ",\"startScalar\":\(token.start.scalar),\"endScalar\":\(token.end.scalar)"
            + ",\"inner\":[\(token.inner.map { String($0.byte) }.joined(separator: ","))]"
            + ",\"innerScalar\":[\(token.inner.map { String($0.scalar) }.joined(separator: ","))]}"
    }
}
