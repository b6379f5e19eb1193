import Foundation

/// What `triage relabel` reads and writes.
public struct RelabelOptions: Sendable, Codable, Equatable {
    public enum InputFormat: String, Sendable, Codable, CaseIterable { case csv, jsonl }
    public enum OutputFormat: String, Sendable, Codable, CaseIterable { case jsonl, csv }

    public var input: String
    public var output: String
    /// Default: OUTPUT.rejects.jsonl.
    public var rejects: String?
    public var inputFormat: InputFormat
    public var outputFormat: OutputFormat
    /// An ICU charset name (GB18030, GBK, Big5); nil is UTF-8.
    public var encoding: String?
    public var delimiter: UInt8 = 0x2C
    /// Column (CSV) or field (JSONL) names; a nil id column numbers the rows.
    public var idColumn: String?
    public var textColumn: String
    public var labelColumn: String?
    /// Context key → column, e.g. `area` → `区域`.
    public var contextColumns: [String: String] = [:]
    public var maxBytes = 1 << 20
    public var checkpointRows = 4_096
    public var reply = true
    public var now: Date?

    public init(input: String, output: String, inputFormat: InputFormat, outputFormat: OutputFormat, textColumn: String) {
        self.input = input
        self.output = output
        self.inputFormat = inputFormat
        self.outputFormat = outputFormat
        self.textColumn = textColumn
    }

    var rejectsPath: String { rejects ?? output + ".rejects.jsonl" }
    var checkpointPath: String { output + ".checkpoint" }
}

/// Where a relabel run stands, for progress displays.
public struct RelabelProgress: Sendable {
    public var rows: Int
    public var fileBytesRead: Int
    public var fileSize: Int?
    public var seconds: Double
}

/// A relabel run that cannot start or go on, with what to do about it.
public struct RelabelError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Re-labels an export of historic tickets: streams it with bounded memory, classifies on `jobs`
/// threads in input order, writes results and rejects, and checkpoints after every
/// `checkpointRows` rows so `--resume` after a crash loses nothing and writes nothing twice.
///
/// Results go to `OUTPUT.partial` and become `OUTPUT` only when the whole input is done.
public struct RelabelJob {
    public let engine: TriageEngine
    public let options: RelabelOptions
    public let labelMap: LabelMap?
    public var jobs = ProcessInfo.processInfo.activeProcessorCount

    public init(engine: TriageEngine, options: RelabelOptions, labelMap: LabelMap?) {
        self.engine = engine
        self.options = options
        self.labelMap = labelMap
    }

    private struct Checkpoint: Codable {
        var options: RelabelOptions
        var labelMap: [String: String]?
        var packVersion: String
        var inputSize: Int?
        var row: Int
        var line: Int
        var offset: Int
        var outputBytes: UInt64
        var rejectsBytes: UInt64
        var summary: RelabelSummary
    }

    /// Runs to the end of the input (or continues a checkpointed run) and returns the summary.
    public func run(resume: Bool, progress: (RelabelProgress) -> Void = { _ in }) throws(RelabelError) -> RelabelSummary {
        let started = Date()
        // Every row's reply is written for one moment, kept in the checkpoint, so a resumed run
        // writes what an uninterrupted one would have.
        var options = self.options
        options.now = options.now ?? started
        let input: InputBytes
        do { input = try InputBytes(path: options.input, charset: options.encoding) } catch { throw RelabelError(error.description) }
        let reader = RecordReader(input: input, format: options.inputFormat == .csv ? .csv(delimiter: options.delimiter) : .jsonl, maxBytes: options.maxBytes)
        let columns = try columns(reader)
        let fileManager = FileManager.default
        var summary = RelabelSummary()
        let output: FileHandle, rejects: FileHandle
        if resume {
            guard let data = fileManager.contents(atPath: options.checkpointPath),
                  let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: data) else {
                throw RelabelError("nothing to resume: \(options.checkpointPath) is missing or unreadable; run without --resume")
            }
            if self.options.now == nil { options.now = checkpoint.options.now }
            guard checkpoint.options == options, checkpoint.labelMap == labelMap?.codes, checkpoint.packVersion == packVersion else {
                throw RelabelError("the checkpoint was made with other options, label map or rule pack; rerun with the same ones, or start again without --resume")
            }
            guard checkpoint.inputSize == input.fileSize else { throw RelabelError("\(options.input) changed since the checkpoint; start again without --resume") }
            output = try Self.reopen(options.output + ".partial", at: checkpoint.outputBytes)
            rejects = try Self.reopen(options.rejectsPath + ".partial", at: checkpoint.rejectsBytes)
            do { try reader.restart(at: checkpoint.offset, row: checkpoint.row, line: checkpoint.line) } catch { throw RelabelError(error.description) }
            summary = checkpoint.summary
        } else {
            if fileManager.fileExists(atPath: options.checkpointPath) {
                throw RelabelError("an earlier run into \(options.output) was interrupted: add --resume to continue it, or delete \(options.checkpointPath) to start again")
            }
            output = try Self.create(options.output + ".partial")
            rejects = try Self.create(options.rejectsPath + ".partial")
            if options.outputFormat == .csv { output.write(Data((CSVText.row(Self.csvHeader) + "\n").utf8)) }
        }
        let secondsBefore = summary.seconds
        var lastRow = 0, lastLine = 1, lastOffset = reader.offset
        // The next chunk is read on its own thread while the current one is classified.
        let ahead = ReadAhead(reader: reader, rows: options.checkpointRows)
        while true {
            let chunk = ahead.take()
            if chunk.isEmpty { break }
            ahead.start()
            let outcomes = TriageEngine.parallelMap(chunk, jobs: jobs) { [engine, options, labelMap] record in
                Self.process(record, columns: columns, engine: engine, options: options, labelMap: labelMap)
            }
            var outputBytes: [UInt8] = [], rejectBytes: [UInt8] = []
            for outcome in outcomes {
                summary.read += 1
                switch outcome {
                case let .written(line, row):
                    outputBytes += line.utf8
                    outputBytes.append(0x0A)
                    summary.add(category: row.category, oldLabel: row.oldLabel, oldCategory: row.oldCategory, id: row.id, text: row.text, rule: row.rule)
                case let .rejected(line):
                    rejectBytes += line.utf8
                    rejectBytes.append(0x0A)
                    summary.rejected += 1
                }
            }
            guard let last = chunk.last else { break }
            (lastRow, lastLine, lastOffset) = (last.row, last.nextLine, last.endOffset)
            do {
                try output.write(contentsOf: outputBytes)
                try rejects.write(contentsOf: rejectBytes)
            } catch {
                throw RelabelError("cannot write \(options.output).partial or the rejects file: \(error.localizedDescription)")
            }
            summary.seconds = secondsBefore + Date().timeIntervalSince(started)
            try writeCheckpoint(Checkpoint(options: options, labelMap: labelMap?.codes, packVersion: packVersion, inputSize: input.fileSize,
                                           row: lastRow, line: lastLine, offset: lastOffset, outputBytes: output.offsetInFile,
                                           rejectsBytes: rejects.offsetInFile, summary: summary))
            progress(RelabelProgress(rows: summary.read, fileBytesRead: input.fileBytesRead, fileSize: input.fileSize, seconds: summary.seconds))
        }
        summary.seconds = secondsBefore + Date().timeIntervalSince(started)
        try? output.close()
        try? rejects.close()
        // Only a finished run becomes OUTPUT: a partial file is never passed off as complete. The
        // checkpoint goes first, so a crash in between leaves a run that starts again, not one that
        // resumes into moved files.
        try? fileManager.removeItem(atPath: options.checkpointPath)
        for (partial, final) in [(options.rejectsPath + ".partial", options.rejectsPath), (options.output + ".partial", options.output)] {
            if rename(partial, final) != 0 { throw RelabelError("cannot move \(partial) to \(final)") }
        }
        return summary
    }

    private var packVersion: String { "\(engine.pack.manifest.name) \(engine.pack.manifest.version)" }

    // MARK: Columns

    private struct Columns: Sendable {
        /// CSV: the header's column count and each named column's index.
        var count: Int?
        var id: Int?, text: Int?, label: Int?
        var context: [(key: String, index: Int)] = []
    }

    private func columns(_ reader: RecordReader) throws(RelabelError) -> Columns {
        guard options.inputFormat == .csv else { return Columns() }
        guard let header = reader.header() else { throw RelabelError("\(options.input) has no readable header row") }
        func index(_ name: String?, _ option: String) throws(RelabelError) -> Int? {
            guard let name else { return nil }
            guard let index = header.firstIndex(of: name) else {
                throw RelabelError("\(options.input) has no column ‘\(name)’ (\(option)); its columns are \(header.joined(separator: ", "))")
            }
            return index
        }
        var columns = Columns(count: header.count, id: try index(options.idColumn, "--id-column"), text: try index(options.textColumn, "--text-column"),
                              label: try index(options.labelColumn, "--label-column"))
        for (key, name) in options.contextColumns.sorted(by: { $0.key < $1.key }) { columns.context.append((key, try index(name, "--context-column")!)) }
        return columns
    }

    // MARK: One row

    private struct Labelled: Sendable {
        var category: String
        var oldLabel: String?
        var oldCategory: String?
        var id: String
        var text: String
        var rule: String?
    }

    private enum Outcome: Sendable {
        case written(String, Labelled)
        case rejected(String)
    }

    private static func process(_ record: SourceRecord, columns: Columns, engine: TriageEngine, options: RelabelOptions, labelMap: LabelMap?) -> Outcome {
        func reject(_ message: String, id: String? = nil) -> Outcome {
            .rejected("{\"row\":\(record.row),\"line\":\(record.line)" + (id.map { ",\"id\":" + JSONText.string($0) } ?? "") + ",\"error\":\(JSONText.string(message))}")
        }
        var fields: [String: Any] = [:]
        switch record.content {
        case let .broken(reason):
            return reject(reason)
        case let .line(bytes):
            if let bad = UTF8Validation.firstInvalidByte(in: bytes) { return reject("invalid UTF-8 at byte \(bad) of the line") }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else { return reject("not a valid JSON object") }
            fields = object
        case let .fields(values):
            guard values.count == columns.count else { return reject("\(values.count) fields; the header has \(columns.count ?? 0)") }
            // The id first, so the other columns' problems can name the row by it.
            var named: [(String, Int)] = []
            if let name = options.idColumn, let index = columns.id { named.append((name, index)) }
            named.append((options.textColumn, columns.text!))
            if let name = options.labelColumn, let index = columns.label { named.append((name, index)) }
            for (key, index) in columns.context { named.append((options.contextColumns[key]!, index)) }
            for (name, index) in named {
                let bytes = values[index]
                let knownID = fields[options.idColumn ?? ""] as? String
                if let bad = UTF8Validation.firstInvalidByte(in: bytes) { return reject("invalid UTF-8 in column \(name) at byte \(bad)", id: knownID) }
                let text = String(decoding: bytes, as: UTF8.self)
                if options.encoding != nil, text.unicodeScalars.contains("\u{FFFD}") {
                    return reject("column \(name) has bytes that are not valid \(options.encoding!)", id: knownID)
                }
                fields[name] = text
            }
        }
        let id: String = switch fields[options.idColumn ?? ""] {
        case let text as String where !text.isEmpty: text
        case let number as NSNumber: number.stringValue
        default: String(record.row)
        }
        guard let text = fields[options.textColumn] as? String, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return reject("missing text (\(options.textColumn) is empty or absent)", id: id)
        }
        if text.utf8.count > options.maxBytes { return reject("text longer than --max-bytes (\(options.maxBytes) bytes)", id: id) }
        var contextObject = (fields["context"] as? [String: Any]) ?? [:]
        for (key, column) in options.contextColumns {
            guard let value = fields[column] as? String, !value.isEmpty else { continue }
            contextObject[key] = key == "abuseWarnings" ? (Int(value).map { NSNumber(value: $0) } ?? value as Any) : value
        }
        var context: TicketContext
        do { context = try TicketContext(json: contextObject) } catch { return reject(error.description, id: id) }
        if context.now == nil { context.now = options.now }
        let result = engine.classify(text, context: context, evidence: false, reply: options.reply)
        let oldLabel = (fields[options.labelColumn ?? ""] as? String).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        let oldCategory = oldLabel.flatMap { labelMap?.code(for: $0) }
        let changed: Bool? = oldCategory.map { $0 != result.category }
        let labelled = Labelled(category: result.category, oldLabel: oldLabel, oldCategory: oldCategory, id: id,
                                text: changed == true ? text : "", rule: result.decidingRule)
        switch options.outputFormat {
        case .jsonl:
            return .written(JSONText.result(result, id: JSONText.string(id), input: [], extra: [
                ("oldLabel", oldLabel.map(JSONText.string) ?? "null"), ("oldCategory", oldCategory.map(JSONText.string) ?? "null"),
                ("changed", changed.map { String($0) } ?? "null"),
            ]), labelled)
        case .csv:
            return .written(CSVText.row([
                id, result.language.rawValue, result.category, result.subcategory ?? "", result.flags.joined(separator: ";"),
                result.rules.map(\.id).joined(separator: ";"), result.reply?.script ?? "", result.reply?.text ?? "",
                oldLabel ?? "", oldCategory ?? "", changed.map { String($0) } ?? "",
            ]), labelled)
        }
    }

    static let csvHeader = ["id", "language", "category", "subcategory", "flags", "rules", "reply_script", "reply_text", "old_label", "old_category", "changed"]

    // MARK: Files

    private static func create(_ path: String) throws(RelabelError) -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw RelabelError("cannot write \(path): check the folder exists and is writable")
        }
        return handle
    }

    private static func reopen(_ path: String, at length: UInt64) throws(RelabelError) -> FileHandle {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw RelabelError("cannot reopen \(path) to resume; start again without --resume") }
        do {
            // Rows written after the last checkpoint are dropped: they are done again.
            try handle.truncate(atOffset: length)
            try handle.seekToEnd()
        } catch {
            throw RelabelError("cannot truncate \(path) to resume: \(error.localizedDescription)")
        }
        return handle
    }

    private func writeCheckpoint(_ checkpoint: Checkpoint) throws(RelabelError) {
        let temporary = options.checkpointPath + ".tmp"
        guard let data = try? JSONEncoder().encode(checkpoint), FileManager.default.createFile(atPath: temporary, contents: data),
              rename(temporary, options.checkpointPath) == 0 else {
            throw RelabelError("cannot write the checkpoint \(options.checkpointPath)")
        }
    }
}

/// RFC 4180 output: fields with a comma, quote or line break are quoted, quotes doubled.
enum CSVText {
    static func row(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}

/// Reads the next chunk of rows on a thread of its own while the caller works on the last one.
private final class ReadAhead: @unchecked Sendable {
    // @unchecked: `reader` and `chunk` are touched by one thread at a time, handed over by `done`.
    private let reader: RecordReader
    private let rows: Int
    private var chunk: [SourceRecord] = []
    private let done = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "relabel.read-ahead")

    init(reader: RecordReader, rows: Int) {
        self.reader = reader
        self.rows = rows
        start()
    }

    /// Starts reading the next chunk.
    func start() {
        queue.async { [self] in
            var next: [SourceRecord] = []
            next.reserveCapacity(rows)
            while next.count < rows, let record = reader.next() { next.append(record) }
            chunk = next
            done.signal()
        }
    }

    /// The chunk being read, once it is read; empty at the end of the input.
    func take() -> [SourceRecord] {
        done.wait()
        defer { chunk = [] }
        return chunk
    }
}
