import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Tokenize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the tokens of each line.",
            discussion: "Text format: the tokens' original characters separated by one space, one output line per input line. JSONL: {\"tokens\":[…]} per line, offsets into the original line."
        )

        @Argument(help: "Text to tokenize (instead of --input).")
        var text: String?

        @OptionGroup var inputOptions: InputOptions
        @OptionGroup var packOptions: PackOptions

        @Option(help: "text or jsonl.")
        var format: LineFormat = .text

        func run() throws {
            let tokenizer = try packOptions.tokenizer()
            let output = LineWriter(handle: .standardOutput)
            var failed = 0
            for line in try inputOptions.lines(text: text) {
                switch line {
                case let .text(_, text):
                    let tokens = tokenizer.tokenize(text).tokens
                    switch format {
                    case .text: output.write(line: tokens.map(\.text).joined(separator: " "))
                    case .jsonl: output.write(line: "{\"tokens\":[" + tokens.map(JSONText.token).joined(separator: ",") + "]}")
                    }
                case let .error(number, message):
                    failed += 1
                    switch format {
                    case .text:
                        output.write(line: "")
                        FileHandle.standardError.write(Data("line \(number): error: \(message)\n".utf8))
                    case .jsonl: output.write(line: JSONText.errorRecord(line: number, message: message))
                    }
                }
            }
            output.flush()
            if failed > 0 { throw ExitCode(3) }
        }
    }
}

enum LineFormat: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl
}
