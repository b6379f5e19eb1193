import Foundation
import ICUBridge
import TicketTriage

/// The tokenizer with the bundled lexicons, built once for all tests.
let bundledTokenizer: Tokenizer = try! BundledDefaults.tokenizer()

func tokens(_ text: String) -> [String] { bundledTokenizer.tokenize(text).tokens.map(\.text) }

/// The package's root folder (tests read `corpus/`; the library never does).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Texts of every corpus ticket, for tests that want real tickets in all three scripts.
let corpusTexts: [String] = ["dev.jsonl", "test.jsonl"].flatMap { name -> [String] in
    guard let data = FileManager.default.contents(atPath: packageRoot.appendingPathComponent("corpus/\(name)").path) else { return [] }
    return data.split(separator: 0x0A).compactMap { line in
        (try? JSONSerialization.jsonObject(with: Data(line))) .flatMap { ($0 as? [String: Any])?["text"] as? String }
    }
}

/// ICU's own answer, straight from the library: NFKC_Casefold, then the Hant-Hans transform,
/// then decimal digits as ASCII (our one addition).
func icuReferenceNormalization(_ text: String) -> String {
    let input = Array(text.utf16)
    var output = [UInt16](repeating: 0, count: input.count * 4 + 16)
    let length = Int(tt_nfkc_cf_normalize(input, Int32(input.count), &output, Int32(output.count)))
    let transliterator = tt_transliterator_open("Hant-Hans")!
    defer { tt_transliterator_close(transliterator) }
    var converted = [UInt16](repeating: 0, count: length * 2 + 16)
    let convertedLength = Int(tt_transliterate(transliterator, output, Int32(length), &converted, Int32(converted.count)))
    let simplified = String(decoding: converted[0..<convertedLength], as: UTF16.self)
    return String(String.UnicodeScalarView(simplified.unicodeScalars.map { scalar in
        scalar.properties.numericType == .decimal && scalar.value > 0x7F
            ? Unicode.Scalar(0x30 + UInt32(tt_digit_value(scalar.value)))!
            : scalar
    }))
}
