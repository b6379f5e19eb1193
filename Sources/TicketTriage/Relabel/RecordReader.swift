import Foundation

/// One row of an export, or why it cannot be read.
struct SourceRecord: Sendable {
    /// 1-based data row (the CSV header is not a row).
    var row: Int
    /// 1-based line of the file where the row starts.
    var line: Int
    /// Offset in the UTF-8 stream just past the row, and the line there: where a resumed run starts.
    var endOffset: Int
    var nextLine: Int
    var content: Content

    enum Content: Sendable {
        /// A CSV row's fields, as bytes (validated later, per column).
        case fields([[UInt8]])
        /// A JSONL line.
        case line([UInt8])
        case broken(String)
    }
}

/// Reads rows from an export with bounded memory: RFC 4180 CSV (quoted fields with delimiters,
/// quotes and newlines, CRLF or LF, a UTF-8 BOM) or JSONL. A row longer than `maxBytes` is
/// reported, not kept; broken quoting is reported and reading goes on after it.
final class RecordReader {
    enum Format: Sendable, Equatable {
        case csv(delimiter: UInt8)
        case jsonl
    }

    private let input: InputBytes
    private let format: Format
    private let maxBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    /// Stream offset of `buffer[0]`.
    private var bufferStart = 0
    private var row = 0
    private var line = 1
    private var atStart = true

    init(input: InputBytes, format: Format, maxBytes: Int) {
        self.input = input
        self.format = format
        self.maxBytes = maxBytes
    }

    /// Stream offset of the next unread byte.
    var offset: Int { bufferStart + position }

    /// Continues from a checkpoint: the stream offset after the last row done, its row and line.
    func restart(at offset: Int, row: Int, line: Int) throws(InputBytes.OpenError) {
        buffer = try input.restart(at: offset)
        bufferStart = offset
        position = 0
        self.row = row
        self.line = line
        atStart = false
    }

    private func nextByte() -> UInt8? {
        if position == buffer.count {
            bufferStart += buffer.count
            buffer = input.read()
            position = 0
            if buffer.isEmpty { return nil }
        }
        defer { position += 1 }
        return buffer[position]
    }

    private func skipBOM() {
        guard atStart else { return }
        atStart = false
        if position == buffer.count { bufferStart += buffer.count; buffer = input.read(); position = 0 }
        if buffer.count >= position + 3, buffer[position..<position + 3].elementsEqual([0xEF, 0xBB, 0xBF]) { position += 3 }
    }

    /// A CSV file's header row: the column names; nil when the file is empty or the row is broken.
    func header() -> [String]? {
        skipBOM()
        guard case let .csv(delimiter) = format, case let .fields(fields)? = parseCSV(delimiter: delimiter) else { return nil }
        return fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
    }

    /// The next row; nil at the end of the input. Blank lines are skipped.
    func next() -> SourceRecord? {
        skipBOM()
        while true {
            let startLine = line
            let result: Parsed? = switch format {
            case let .csv(delimiter): parseCSV(delimiter: delimiter)
            case .jsonl: parseLine()
            }
            guard let result else { return nil }
            if case .blank = result { continue }
            row += 1
            let content: SourceRecord.Content = switch result {
            case let .fields(fields): .fields(fields)
            case let .line(bytes): .line(bytes)
            case let .broken(reason): .broken(reason)
            case .blank: .broken("")
            }
            return SourceRecord(row: row, line: startLine, endOffset: offset, nextLine: line, content: content)
        }
    }

    private enum Parsed {
        case fields([[UInt8]]), line([UInt8]), broken(String), blank
    }

    private func tooLong() -> String { "row longer than --max-bytes (\(maxBytes) bytes)" }

    private func parseLine() -> Parsed? {
        var bytes: [UInt8] = [], size = 0, sawAny = false
        while let byte = nextByte() {
            sawAny = true
            if byte == 0x0A { break }
            size += 1
            if size <= maxBytes + 1 { bytes.append(byte) }
        }
        guard sawAny else { return nil }
        line += 1
        if bytes.last == 0x0D { bytes.removeLast(); size -= 1 }
        if size > maxBytes { return .broken(tooLong()) }
        return bytes.isEmpty ? .blank : .line(bytes)
    }

    private enum CSVState { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuote, skipLine }

    private func parseCSV(delimiter: UInt8) -> Parsed? {
        var fields: [[UInt8]] = [], field: [UInt8] = []
        var state = CSVState.fieldStart
        var size = 0, sawAny = false
        var problem: String?
        let startLine = line
        // Where to read again when a quote never closes: the line after the row's first line.
        var afterFirstNewline: Int?
        func endField() {
            if state == .unquoted, field.last == 0x0D { field.removeLast() }
            fields.append(field)
            field = []
        }
        while let byte = nextByte() {
            sawAny = true
            size += 1
            if byte == 0x0A {
                line += 1
                if afterFirstNewline == nil { afterFirstNewline = offset }
            }
            if size > maxBytes + 1 { problem = problem ?? tooLong() }
            let keep = problem == nil
            switch state {
            case .fieldStart, .unquoted:
                if byte == delimiter { endField(); state = .fieldStart }
                else if byte == 0x0A { endField(); return finish(fields, problem) }
                else if byte == 0x22, state == .fieldStart { state = .quoted }
                else { if keep { field.append(byte) }; state = .unquoted }
            case .quoted:
                if byte == 0x22 { state = .quoteInQuoted } else if keep { field.append(byte) }
            case .quoteInQuoted, .afterQuote:
                if byte == 0x22, state == .quoteInQuoted { if keep { field.append(byte) }; state = .quoted }
                else if byte == delimiter { endField(); state = .fieldStart }
                else if byte == 0x0A { endField(); return finish(fields, problem) }
                else if byte == 0x0D { state = .afterQuote }
                else {
                    problem = problem ?? "broken quoting: text after the closing quote of field \(fields.count + 1)"
                    state = .skipLine
                }
            case .skipLine:
                if byte == 0x0A { return .broken(problem!) }
            }
        }
        guard sawAny else { return nil }
        switch state {
        case .quoted:
            // The quote never closed: report the row and read the lines after its first one again.
            if let afterFirstNewline, let restart = try? input.restart(at: afterFirstNewline) {
                buffer = restart
                bufferStart = afterFirstNewline
                position = 0
                line = startLine + 1
            }
            return .broken("broken quoting: the quote opened in field \(fields.count + 1) never closes; the lines after this row's first line are read again as rows")
        case .skipLine:
            return .broken(problem!)
        default:
            endField()
            return finish(fields, problem)
        }
    }

    private func finish(_ fields: [[UInt8]], _ problem: String?) -> Parsed {
        if let problem { return .broken(problem) }
        if fields.count == 1, fields[0].isEmpty { return .blank }
        return .fields(fields)
    }
}
