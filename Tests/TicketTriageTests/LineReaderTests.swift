import Foundation
import Testing
import TicketTriage

@Suite struct LineReaderTests {
    func read(_ bytes: [UInt8], maxBytes: Int = 1 << 20) throws -> [InputLine] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return Array(LineReader(handle: try FileHandle(forReadingFrom: url), maxBytes: maxBytes))
    }

    @Test func linesCrlfAndAFinalLineWithoutNewline() throws {
        #expect(try read(Array("我家没电了\r\n\n冇電".utf8)) == [
            .text(number: 1, "我家没电了"), .text(number: 2, ""), .text(number: 3, "冇電"),
        ])
    }

    @Test func badLinesBecomeErrorsAndTheStreamGoesOn() throws {
        let long = [UInt8](repeating: 0x61, count: 300_000)
        let lines = try read(Array("停电\n".utf8) + [0xE7, 0x94] + Array("\n".utf8) + long + Array("\nགློག་མེད\n".utf8), maxBytes: 100_000)
        #expect(lines == [
            .text(number: 1, "停电"),
            .error(number: 2, message: "invalid UTF-8 at byte 0"),
            .error(number: 3, message: "line longer than --max-bytes (100000 bytes)"),
            .text(number: 4, "གློག་མེད"),
        ])
    }

    @Test func nulBytesAreKept() throws {
        #expect(try read([0x61, 0x00, 0x62]) == [.text(number: 1, "a\u{0}b")])
    }
}
