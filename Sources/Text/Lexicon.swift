/// Words the segmenter keeps whole, with the inner boundaries their parts keep (`电费|余额`).
///
/// File format (`rules/lexicons/zh.txt`, `bo.txt`): UTF-8, one word per line; `|` marks an inner
/// boundary; `#` starts a comment at the start of a line or after a space; blank lines, a leading
/// byte-order mark and CRLF line ends are fine. Words are stored normalised, so a Traditional
/// entry and its Simplified twin are the same word. Anything else — a space inside a word, an empty
/// part, a duplicate, a character of the wrong script, invalid UTF-8 — is an error with its line
/// and column, never skipped.
public struct Lexicon: Sendable {
    public enum Script: Sendable { case han, tibetan }

    public struct Entry: Sendable, Hashable {
        /// The normalised word; Tibetan syllables are separated by one tsheg, with none at the end.
        public let word: [UInt32]
        /// Offsets (in scalars of `word`) where a part begins.
        public let innerBoundaries: [Int]
    }

    public let script: Script
    public let entries: [Entry]

    public init(script: Script, entries: [Entry]) {
        self.script = script
        self.entries = entries
    }

    static let tsheg: UInt32 = 0x0F0B

    /// Parses a lexicon file; throws every problem found.
    public static func parse(_ bytes: [UInt8], path: String, script: Script) throws(DiagnosticsError) -> Lexicon {
        var diagnostics: [Diagnostic] = []
        var entries: [Entry] = []
        var firstLine: [[UInt32]: Int] = [:]
        var lineStart = 0, lineNumber = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = 3 }
        while lineStart <= bytes.count {
            lineNumber += 1
            var lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let next = lineEnd + 1
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { lineStart = next }
            let line = bytes[lineStart..<lineEnd]
            if let bad = UTF8Validation.firstInvalidByte(in: line) {
                let column = String(decoding: line.prefix(bad), as: UTF8.self).unicodeScalars.count + 1
                diagnostics.append(Diagnostic(path: path, line: lineNumber, column: column,
                    message: "invalid UTF-8 at byte \(bad + 1) of the line; save the file as UTF-8"))
                continue
            }
            let scalars = Array(String(decoding: line, as: UTF8.self).unicodeScalars)
            func problem(_ column: Int, _ message: String) {
                diagnostics.append(Diagnostic(path: path, line: lineNumber, column: column + 1, message: message))
            }
            // The word: from the first non-blank character to a comment or the end, blanks trimmed.
            var end = scalars.count
            for (index, scalar) in scalars.enumerated() where scalar == "#" && (index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t") {
                end = index
                break
            }
            var start = 0
            while start < end, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
            while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
            guard start < end else { continue }
            if let blank = scalars[start..<end].firstIndex(where: { $0 == " " || $0 == "\t" }) {
                problem(blank, "a lexicon line holds one word, but this one has a space or tab inside; write one word per line (mark its parts with |, as in 电费|余额)")
                continue
            }
            if let mark = scalars[start..<end].firstIndex(of: "\u{FEFF}") {
                problem(mark, "a byte-order mark (U+FEFF) inside the file; delete it")
                continue
            }
            var parts: [[Unicode.Scalar]] = [[]]
            var partColumns = [start]
            for index in start..<end {
                if scalars[index] == "|" { parts.append([]); partColumns.append(index + 1) } else { parts[parts.count - 1].append(scalars[index]) }
            }
            if let empty = parts.firstIndex(where: \.isEmpty) {
                problem(partColumns[empty], parts.count == 1 ? "empty word" : "empty part between | marks; write 电费|余额, with a part on each side of every |")
                continue
            }
            switch entry(from: parts, partColumns: partColumns, script: script, problem: problem) {
            case nil: continue
            case let entry?:
                if let first = firstLine[entry.word] {
                    problem(start, "duplicate of line \(first) (the same word after normalisation: Traditional and Simplified forms, full-width and case are one word); delete one")
                    continue
                }
                firstLine[entry.word] = lineNumber
                entries.append(entry)
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return Lexicon(script: script, entries: entries)
    }

    private static func entry(from parts: [[Unicode.Scalar]], partColumns: [Int], script: Script,
                              problem: (Int, String) -> Void) -> Entry? {
        let tables = UnicodeTables.shared
        var word: [UInt32] = [], boundaries: [Int] = []
        for (index, part) in parts.enumerated() {
            var normalized = NormalizedText(String(String.UnicodeScalarView(part))).scalars
            for (offset, value) in normalized.enumerated() {
                let wrongScript: Bool = switch script {
                case .han: tables.script(value) != UnicodeTables.hanScript
                case .tibetan: !(0x0F40...0x0FBC).contains(value) && value != tsheg
                }
                if wrongScript {
                    let expected = script == .han ? "Chinese (Han) characters; numbers and Latin words are tokens already" : "Tibetan letters and tsheg"
                    problem(partColumns[index] + min(offset, part.count - 1), "‘\(String(Unicode.Scalar(value)!))’ cannot be in this lexicon: it lists words of \(expected)")
                    return nil
                }
            }
            if script == .tibetan {
                while normalized.last == tsheg { normalized.removeLast() }
                while normalized.first == tsheg { normalized.removeFirst() }
                if normalized.contains(where: { $0 == tsheg }) && normalized.indices.dropFirst().contains(where: { normalized[$0] == tsheg && normalized[$0 - 1] == tsheg }) {
                    problem(partColumns[index], "two tsheg in a row; separate syllables with one")
                    return nil
                }
                if !word.isEmpty { word.append(tsheg) }
            }
            if index > 0 { boundaries.append(word.count) }
            word += normalized
        }
        return Entry(word: word, innerBoundaries: boundaries)
    }
}
