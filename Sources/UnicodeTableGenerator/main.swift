// Writes the Unicode tables the text pipeline needs, derived from the system ICU at build time:
// NFKC_Casefold per code point, script and character class runs, and ICU's Traditional→Simplified
// rules. Loading these tables costs about a millisecond; opening ICU's transliterator costs 15–26 ms.
import ICUBridge
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("UnicodeTableGenerator: error: \(message)\n".utf8))
    exit(1)
}

func utf16(_ scalar: UInt32) -> [UInt16] { Array(String(Character(Unicode.Scalar(scalar)!)).utf16) }

func hex(_ value: UInt32) -> String { String(value, radix: 16, uppercase: true) }

/// NFKC_Casefold of one code point through ICU, then every decimal digit as its ASCII digit.
func normalizedMapping(of scalar: UInt32) -> [UInt32] {
    let input = utf16(scalar)
    var output = [UInt16](repeating: 0, count: 32)
    let length = tt_nfkc_cf_normalize(input, Int32(input.count), &output, Int32(output.count))
    guard length >= 0, length <= 32 else { fail("ICU could not normalise U+\(hex(scalar))") }
    return String(decoding: output[0..<Int(length)], as: UTF16.self).unicodeScalars.map { scalar in
        let digit = tt_digit_value(scalar.value)
        return digit >= 0 && scalar.properties.generalCategory == .decimalNumber ? 0x30 + UInt32(digit) : scalar.value
    }
}

/// Character classes the tokenizer tells apart (one letter each in the generated table).
func characterClass(of scalar: UInt32) -> Character {
    if tt_is_white_space(scalar) == 1 { return "Z" }
    switch tt_general_category(scalar) {
    case 1, 2, 3, 4, 5: return "L"       // letters
    case 6, 7, 8: return "M"             // marks
    case 9: return "N"                   // decimal digits
    case 10, 11: return "O"              // other numbers
    case 19...23, 28, 29: return "P"     // punctuation
    case 24...27: return "S"             // symbols
    case 15: return "C"                  // controls
    case 16: return "F"                  // format characters (zero-width and the like)
    default: return "X"                  // unassigned, private use, surrogates, separators
    }
}

/// Transliterates one code point; nil when the transliterator leaves it as it is.
func converted(_ scalar: UInt32, by transliterator: OpaquePointer) -> String? {
    let input = utf16(scalar)
    var output = [UInt16](repeating: 0, count: 16)
    let length = tt_transliterate(transliterator, input, Int32(input.count), &output, Int32(output.count))
    guard length >= 0, length <= 16 else { fail("ICU could not transliterate U+\(hex(scalar))") }
    let result = Array(output[0..<Int(length)])
    return result == input ? nil : String(decoding: result, as: UTF16.self)
}

guard let toSimplified = tt_transliterator_open("Hant-Hans"), let toTraditional = tt_transliterator_open("Hans-Hant") else {
    fail("ICU has no Hant-Hans or Hans-Hant transliterator")
}
// Which Han characters each direction changes on their own: the language rule counts characters
// that only Traditional text uses (changed to Simplified, unchanged the other way) and vice versa.
var changedBySimplification: [Character] = []
var changedByTraditionalisation: [Character] = []

var normalization: [String] = []
var classes: [String] = []
var scriptNames: [Int32: String] = [:]
var previousRun = ""
for value in UInt32(0)...0x10FFFF {
    if (0xD800...0xDFFF).contains(value) {
        if previousRun != "surrogate" { classes.append("\(hex(value)) 0 X"); previousRun = "surrogate" }
        continue
    }
    let script = tt_script(value)
    scriptNames[script] = String(cString: tt_script_name(script))
    let run = "\(script) \(characterClass(of: value))"
    if run != previousRun { classes.append("\(hex(value)) \(run)"); previousRun = run }

    if script == 17 {
        let character = Character(Unicode.Scalar(value)!)
        if converted(value, by: toSimplified) != nil { changedBySimplification.append(character) }
        if converted(value, by: toTraditional) != nil { changedByTraditionalisation.append(character) }
    }

    let isDigit = tt_digit_value(value) >= 0 && tt_general_category(value) == 9 && value > 0x7F
    guard tt_nfkc_cf_is_inert(value) == 0 || isDigit else { continue }
    let mapping = normalizedMapping(of: value)
    let combiningClass = tt_combining_class(value)
    let boundaryBefore = tt_nfkc_cf_has_boundary_before(value)
    if mapping == [value] && combiningClass == 0 && boundaryBefore == 1 { continue }
    normalization.append("\(hex(value)) \(combiningClass) \(boundaryBefore) \(mapping.map(hex).joined(separator: ","))")
}

// ICU's Traditional→Simplified transform is a list of `source > target;` rules, phrases before the
// single characters they start with. Anything else would need more than a longest-match table.
var rulesBuffer = [UInt16](repeating: 0, count: 1 << 20)
let rulesLength = tt_transliterator_rules(toSimplified, &rulesBuffer, Int32(rulesBuffer.count))
guard rulesLength >= 0, Int(rulesLength) <= rulesBuffer.count else { fail("cannot read ICU's Hant-Hans rules") }
tt_transliterator_close(toSimplified)
tt_transliterator_close(toTraditional)
var conversions: [String] = []
for line in String(decoding: rulesBuffer[0..<Int(rulesLength)], as: UTF16.self).split(whereSeparator: \.isNewline) {
    let rule = line.trimmingCharacters(in: .whitespaces)
    guard !rule.isEmpty else { continue }
    let parts = rule.split(separator: " ")
    guard parts.count == 3, parts[1] == ">", parts[2].hasSuffix(";"),
          !rule.contains(where: { "{}[]$\\'|".contains($0) }) else {
        fail("unexpected rule in ICU's Hant-Hans transform: \(rule) — the table generator handles only `X > Y;`")
    }
    // The normaliser rewrites in place, keeping offsets: every rule must keep the length.
    guard parts[0].unicodeScalars.count == parts[2].dropLast().unicodeScalars.count else {
        fail("ICU's Hant-Hans rule \(rule) changes the length; the normaliser assumes none does")
    }
    conversions.append("\(parts[0]) \(parts[2].dropLast())")
}

func literal(_ lines: [String]) -> String {
    "\"\"\"\n" + lines.joined(separator: "\n") + "\n\"\"\""
}

let source = """
// Generated at build time from ICU \(String(cString: tt_icu_version())) by UnicodeTableGenerator. Do not edit.
enum GeneratedUnicodeTables {
    static let icuVersion = "\(String(cString: tt_icu_version()))"
    /// `codePoint combiningClass boundaryBefore mapping` (hex; mapping comma-separated, may be empty).
    static let normalization = \(literal(normalization))
    /// `firstCodePoint scriptCode class`, one line per run.
    static let characterClasses = \(literal(classes))
    /// `scriptCode name`.
    static let scriptNames = \(literal(scriptNames.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }))
    /// Han characters that Traditional→Simplified changes on their own.
    static let changedBySimplification = "\(String(changedBySimplification))"
    /// Han characters that Simplified→Traditional changes on their own.
    static let changedByTraditionalisation = "\(String(changedByTraditionalisation))"
    /// `traditional simplified`, ICU's rule order.
    static let traditionalToSimplified = \(literal(conversions))
}

"""
guard CommandLine.arguments.count == 2 else { fail("usage: UnicodeTableGenerator OUTPUT.swift") }
do {
    try source.write(toFile: CommandLine.arguments[1], atomically: true, encoding: .utf8)
} catch {
    fail("cannot write \(CommandLine.arguments[1]): \(error)")
}
