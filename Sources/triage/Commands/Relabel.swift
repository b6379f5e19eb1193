import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Relabel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-label an export of historic tickets (CSV or JSONL) and report what changed against the old labels.",
            discussion: """
            Streams the input with bounded memory on all cores, keeps input order, writes OUTPUT (JSONL or CSV), a \
            rejects file (row, line and reason for every row that cannot be processed) and a report (JSON and \
            Markdown). Results go to OUTPUT.partial until the whole input is done; after a crash, rerun the same \
            command with --resume. Exit status: 0 done, 3 done with rejected rows, 2 usage error, 1 the pack, \
            input or output could not be used.
            """
        )

        @Option(help: ArgumentHelp("The export to read (- for standard input, which cannot be resumed).", valueName: "PATH"))
        var input: String

        @Option(help: ArgumentHelp("Where results go.", valueName: "PATH"))
        var output: String

        @Option(help: "csv or jsonl (default: from the input's extension, else csv).")
        var inputFormat: RelabelOptions.InputFormat?

        @Option(help: "jsonl or csv (default: from the output's extension, else jsonl).")
        var outputFormat: RelabelOptions.OutputFormat?

        @Option(help: ArgumentHelp("The input's charset when not UTF-8, e.g. GB18030, GBK, Big5 (ICU names).", valueName: "NAME"))
        var encoding: String?

        @Option(help: "CSV field delimiter: one character, or \\t for tab.")
        var delimiter = ","

        @Option(help: ArgumentHelp("Column (CSV) or field (JSONL) with the ticket's id; rows are numbered when absent.", valueName: "NAME"))
        var idColumn: String?

        @Option(help: ArgumentHelp("Column or field with the ticket's text.", valueName: "NAME"))
        var textColumn = "text"

        @Option(help: ArgumentHelp("Column or field with the old label.", valueName: "NAME"))
        var labelColumn: String?

        @Option(help: ArgumentHelp("A context key read from a column, KEY=COLUMN (repeatable), e.g. area=区域.", valueName: "KEY=COLUMN"))
        var contextColumn: [String] = []

        @Option(help: ArgumentHelp("YAML mapping of old labels to category codes (故障报修: fault_repair).", valueName: "FILE"))
        var labelMap: String?

        @Option(help: ArgumentHelp("Rejected rows (default OUTPUT.rejects.jsonl).", valueName: "PATH"))
        var rejects: String?

        @Option(help: ArgumentHelp("Write the report to PATH.json and PATH.md.", valueName: "PATH"))
        var report: String?

        @Flag(help: "Continue an interrupted run from its last checkpoint.")
        var resume = false

        @Flag(help: "Leave replies out of the results (faster).")
        var noReply = false

        @Option(help: "Rows per checkpoint; a crash redoes at most this many.")
        var checkpointRows = 4_096

        @Option(help: "Longest accepted row, in bytes; a longer one is rejected.")
        var maxBytes = 1 << 20

        @Option(help: "Threads (default: all cores).")
        var jobs = ProcessInfo.processInfo.activeProcessorCount

        @OptionGroup var nowOption: NowOption
        @OptionGroup var packOptions: PackOptions

        func validate() throws {
            guard jobs > 0, checkpointRows > 0, maxBytes > 0 else { throw ValidationError("--jobs, --checkpoint-rows and --max-bytes must be positive") }
            guard delimiter == "\\t" || delimiter.utf8.count == 1 else { throw ValidationError("--delimiter must be one ASCII character or \\t") }
            for pair in contextColumn where !pair.contains("=") { throw ValidationError("--context-column takes KEY=COLUMN, got \(pair)") }
        }

        func run() throws {
            let engine = try packOptions.engine()
            var options = RelabelOptions(
                input: input, output: output,
                inputFormat: inputFormat ?? (input.lowercased().hasSuffix(".jsonl") || input.lowercased().hasSuffix(".json") ? .jsonl : .csv),
                outputFormat: outputFormat ?? (output.lowercased().hasSuffix(".csv") ? .csv : .jsonl),
                textColumn: textColumn
            )
            options.rejects = rejects
            options.encoding = encoding
            options.delimiter = delimiter == "\\t" ? 0x09 : delimiter.utf8.first!
            options.idColumn = idColumn
            options.labelColumn = labelColumn
            for pair in contextColumn {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                options.contextColumns[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            options.maxBytes = maxBytes
            options.checkpointRows = checkpointRows
            options.reply = !noReply
            options.now = nowOption.date
            var map: LabelMap?
            if let labelMap {
                do { map = try LabelMap.load(path: labelMap, categories: engine.pack.manifest.categories.map(\.code)) } catch {
                    Diagnostics.print(error)
                    throw ExitCode(1)
                }
            }
            var job = RelabelJob(engine: engine, options: options, labelMap: map)
            job.jobs = jobs
            let display = ProgressDisplay()
            let summary: RelabelSummary
            do {
                summary = try job.run(resume: resume) { display.show($0) }
            } catch {
                display.finish()
                Diagnostics.print(error.description)
                throw ExitCode(1)
            }
            display.finish()
            let categories = engine.pack.manifest.categories.map(\.code)
            if let report {
                for (path, text) in [(report + ".json", summary.json()), (report + ".md", summary.markdown(categories: categories))]
                where !FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) {
                    Diagnostics.print("cannot write the report \(path); the results are complete in \(output)")
                    throw ExitCode(1)
                }
            }
            FileHandle.standardError.write(Data(("read \(summary.read) = written \(summary.written) + rejected \(summary.rejected); changed \(summary.changed); "
                + "\(Int(summary.rowsPerSecond)) rows/s" + (summary.unmappedLabels.isEmpty ? "" : "; \(summary.unmappedLabels.count) old labels not in the label map") + "\n").utf8))
            if summary.rejected > 0 { throw ExitCode(3) }
        }
    }
}

extension RelabelOptions.InputFormat: ExpressibleByArgument {}
extension RelabelOptions.OutputFormat: ExpressibleByArgument {}

/// Rows per second, percent of the input by bytes and time left, on standard error when it is a
/// terminal; nothing in pipes and CI logs.
final class ProgressDisplay {
    private let enabled = isatty(STDERR_FILENO) == 1
    private var lastShown = Date.distantPast

    func show(_ progress: RelabelProgress) {
        guard enabled, Date().timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = Date()
        let rate = progress.seconds > 0 ? Double(progress.rows) / progress.seconds : 0
        var line = "\r\(progress.rows) rows, \(Int(rate)) rows/s"
        if let size = progress.fileSize, size > 0 {
            let fraction = min(1, Double(progress.fileBytesRead) / Double(size))
            let left = fraction > 0 ? progress.seconds * (1 - fraction) / fraction : 0
            line += String(format: ", %.1f%%, about %.0f s left", fraction * 100, left)
        }
        FileHandle.standardError.write(Data((line + "   ").utf8))
    }

    func finish() {
        if enabled, lastShown != .distantPast { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
