import ArgumentParser
import Foundation
import TicketTriage

/// Where the lines come from and how long one may be; shared by the commands that read tickets.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read lines from PATH (- for standard input).", valueName: "PATH"))
    var input: String?

    @Option(name: .long, help: "Longest accepted line or ticket, in bytes; a longer one becomes an error record.")
    var maxBytes: Int = 1 << 20

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
    }

    /// The lines to process: the TEXT argument when given, else the input stream.
    func lines(text: String?) throws -> AnySequence<InputLine> {
        if let text {
            guard input == nil else { throw ValidationError("give either TEXT or --input, not both") }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
                line.utf8.count > maxBytes
                    ? InputLine.error(number: index + 1, message: "line longer than --max-bytes (\(maxBytes) bytes)")
                    : InputLine.text(number: index + 1, String(line))
            }
            return AnySequence(lines)
        }
        guard let input else { throw ValidationError("give a TEXT argument or --input PATH (- for standard input)") }
        let handle: FileHandle
        if input == "-" {
            handle = .standardInput
        } else {
            guard let file = FileHandle(forReadingAtPath: input) else {
                Diagnostics.print("cannot read \(input): no such file or not readable")
                throw ExitCode(1)
            }
            handle = file
        }
        return AnySequence(LineReader(handle: handle, maxBytes: maxBytes))
    }
}
