// Embeds the default rule pack and reply catalog as Swift source, so a service that links the
// library has them without a checkout. Usage: BundledFileEmbedder OUTPUT.swift ROOT FILE...
import Foundation

func escaped(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": result += "\\\\"
        case "\"": result += "\\\""
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: BundledFileEmbedder OUTPUT.swift ROOT FILE...\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[2]).standardizedFileURL.path
var entries: [String] = []
for path in arguments.dropFirst(3).sorted() {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("\(path):1:1: error: not valid UTF-8; save the file as UTF-8\n".utf8))
        exit(1)
    }
    let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
    let relative = standardized.hasPrefix(root + "/") ? String(standardized.dropFirst(root.count + 1)) : standardized
    entries.append("        \(escaped(relative)): \(escaped(text)),")
}
let source = """
// Generated at build time by BundledFileEmbedder from rules/ and scripts/. Do not edit.
enum BundledFiles {
    /// Package-relative path → file contents.
    static let contents: [String: String] = [
\(entries.isEmpty ? "        :" : entries.joined(separator: "\n"))
    ]
}

"""
try source.write(toFile: arguments[1], atomically: true, encoding: .utf8)
