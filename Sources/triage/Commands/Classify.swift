import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Classify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify tickets: one JSON result line per input line, in input order.",
            discussion: """
            Input lines are JSON ({"id": …, "text": …, "context": {…}, …}) or plain text. Other fields are copied \
            under "input". A line that cannot be read becomes an error record {"line": N, "error": …}. Exit status: \
            0 all classified, 3 some error records, 2 usage error, 1 the pack or input could not be used.
            """
        )

        @Argument(help: "A ticket's text (instead of --input).")
        var text: String?

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var packOptions: PackOptions
        @OptionGroup var nowOption: NowOption

        @Option(help: "auto (a line starting with { is JSON), jsonl or text.")
        var inputFormat: TicketInput.Format = .auto

        @Option(help: "Threads (default: all cores).")
        var jobs = ProcessInfo.processInfo.activeProcessorCount

        func validate() throws {
            guard jobs > 0 else { throw ValidationError("--jobs must be 1 or more") }
        }

        func run() throws {
            let engine = try packOptions.engine()
            let output = LineWriter(handle: .standardOutput)
            var failed = 0
            let (format, now) = (inputFormat, nowOption)
            engine.classifyInOrder(try inputOptions.lines(text: text), jobs: jobs, transform: { engine, line in
                Self.resultLine(engine, line, format, now)
            }) { line, isError in
                if isError { failed += 1 }
                output.write(line: line)
            }
            output.flush()
            if failed > 0 { throw ExitCode(3) }
        }

        /// The output line for one input line, and whether it is an error record.
        static func resultLine(_ engine: TriageEngine, _ line: InputLine, _ format: TicketInput.Format, _ now: NowOption) -> (String, Bool) {
            switch line {
            case let .error(number, message):
                return (JSONText.errorRecord(line: number, message: message), true)
            case let .text(number, text):
                do {
                    let ticket = try TicketInput.parse(text, format: format)
                    let result = engine.classify(ticket.text, context: now.apply(to: ticket.context), evidence: false)
                    return (JSONText.result(result, id: ticket.rawID ?? JSONText.string(String(number)), input: ticket.otherFields), false)
                } catch {
                    return (JSONText.errorRecord(line: number, rawID: error.id, message: error.message), true)
                }
            }
        }
    }
}

extension TicketInput.Format: ExpressibleByArgument {}
