import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure tokenizer throughput on the corpus, per language.",
            discussion: "Every ticket of the corpus files is tokenized once per pass (unique lines, no caching); the token count per pass is printed so a fast wrong answer shows. Reports the median of the passes."
        )

        @Option(help: ArgumentHelp("Corpus directory with dev.jsonl and test.jsonl.", valueName: "DIR"))
        var corpus = "corpus"

        @Option(help: "Passes per language.")
        var passes = 15

        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let clock = ContinuousClock()
            var tokenizer: Tokenizer?
            let load = try clock.measure { tokenizer = try packOptions.tokenizer() }
            print("tokenizer load: \(milliseconds(load)) ms (lexicons parsed, Unicode tables ready)")
            let tickets = try CorpusFile.tickets(in: corpus)
            print("language  lines   bytes     tokens/pass   median MB/s   median lines/s")
            for language in Language.allCases {
                let texts = tickets.filter { $0.language == language.rawValue }.map(\.text)
                guard !texts.isEmpty else { continue }
                let bytes = texts.reduce(0) { $0 + $1.utf8.count }
                var tokens = 0
                var seconds: [Double] = []
                for _ in 0..<passes {
                    tokens = 0
                    let elapsed = clock.measure {
                        for text in texts { tokens += tokenizer!.tokenize(text).tokens.count }
                    }
                    seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                }
                let median = seconds.sorted()[seconds.count / 2]
                print(String(format: "%-8@ %6d %8d %13d %13.1f %16.0f", language.rawValue, texts.count, bytes, tokens,
                             Double(bytes) / median / 1e6, Double(texts.count) / median))
            }
        }

        private func milliseconds(_ duration: Duration) -> String {
            String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
        }
    }
}

/// The labelled tickets of a corpus directory (`dev.jsonl`, `test.jsonl`).
struct CorpusFile {
    struct Ticket: Decodable {
        var id: String
        var text: String
        var language: String
    }

    static func tickets(in directory: String) throws -> [Ticket] {
        var tickets: [Ticket] = []
        for name in ["dev.jsonl", "test.jsonl"] {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                Diagnostics.print("cannot read \(path); pass --corpus DIR")
                throw ExitCode(1)
            }
            for (index, line) in data.split(separator: 0x0A).enumerated() where !line.isEmpty {
                do {
                    tickets.append(try JSONDecoder().decode(Ticket.self, from: Data(line)))
                } catch {
                    Diagnostics.print("\(path):\(index + 1):1: error: not a corpus ticket: \(error)")
                    throw ExitCode(1)
                }
            }
        }
        return tickets
    }
}
