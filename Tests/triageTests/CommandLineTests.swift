import Foundation
import Testing

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs the built `triage` binary, so Foundation's ICU and the system ICU live in one process.
@Suite struct CommandLineTests {
    /// The `triage` binary next to the test bundle.
    static let binary: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: directory.appendingPathComponent("triage").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("triage")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], stdin: [UInt8] = [], binary: URL = binary, directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func tokenizeText() throws {
        let result = try run(["tokenize", "電費餘額不足，冇電啦"])
        #expect(result.status == 0)
        #expect(result.stdout == "電費餘額 不足 ， 冇電 啦\n")
    }

    @Test func tokenizeStreamsJsonlWithErrorRecords() throws {
        let input = Array("我家没电了\n".utf8) + [0xFF] + Array("\nགློག་མེད།\n".utf8)
        let result = try run(["tokenize", "--input", "-", "--format", "jsonl"], stdin: input)
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("{\"tokens\":[{\"text\":\"我家\",\"normalized\":\"我家\",\"script\":\"Han\",\"start\":0,\"end\":6,\"startScalar\":0,\"endScalar\":2,\"inner\":[]"))
        #expect(lines[1] == "{\"line\":2,\"error\":\"invalid UTF-8 at byte 0\"}")
        #expect(lines[2].contains("\"text\":\"གློག་མེད\""))
    }

    @Test func overLongLinesAndUnreadableFiles() throws {
        let result = try run(["tokenize", "--input", "-", "--max-bytes", "10"], stdin: Array("停电\n这一行比十个字节长得多\n".utf8))
        #expect(result.status == 3)
        #expect(result.stdout == "停电\n\n")
        #expect(result.stderr.contains("line 2: error: line longer than --max-bytes (10 bytes)"))
        let missing = try run(["tokenize", "--input", "/nonexistent/tickets.txt"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read /nonexistent/tickets.txt"))
    }

    /// A copy of the default pack in a temporary folder, for tests that break it.
    func copyOfDefaultPack() throws -> URL {
        let pack = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("rules"), to: pack)
        return pack
    }

    @Test func malformedPackIsRejectedWithItsLocation() throws {
        let pack = try copyOfDefaultPack()
        defer { try? FileManager.default.removeItem(at: pack) }
        try Data("电费\n电费\n".utf8).write(to: pack.appendingPathComponent("lexicons/zh.txt"))
        let result = try run(["tokenize", "--rules", pack.path, "停电"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("lexicons/zh.txt:2:1: error: duplicate of line 1"))
    }

    @Test func bundledDefaultsNeedNoCheckout() throws {
        // The binary alone, copied elsewhere and run from another folder, still has its lexicons.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("triage")
        try FileManager.default.copyItem(at: Self.binary, to: copy)
        let result = try run(["tokenize", "台區經理話業擴報裝"], binary: copy, directory: URL(fileURLWithPath: "/"))
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("台區經理"))
        let classified = try run(["classify", "屋企冇電，隔籬有電"], binary: copy, directory: URL(fileURLWithPath: "/"))
        #expect(classified.stdout.contains("\"category\":\"fault_repair\",\"subcategory\":\"no_power_premises\""))
    }

    @Test func classifyFollowsTheContract() throws {
        let input = """
        {"id": "A17", "text": "我家没电了，邻居家都有电", "context": {"channel": "phone"}, "oldLabel": "故障报修", "score": 1.50}
        整个小区都停电了，什么时候来电
        {"id": 9, "text": "x", "context": {"abuseWarnings": 7}}
        {"text": 5}
        ཁྱིམ་མཚེས་ལ་གློག་ཡོད། ངའི་ཁྱིམ་ལ་གློག་མེད།

        """
        let result = try run(["classify", "--input", "-", "--now", "2026-06-10T10:00:00"], stdin: Array(input.utf8) + [0xFF, 0x0A])
        #expect(result.status == 3)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 6)
        #expect(lines[0].hasPrefix(#"{"id":"A17","language":"zh-Hans","category":"fault_repair","subcategory":"no_power_premises","flags":[],"rules":["fault.no_power.only_here","fault.no_power.own_place","fault.no_power.bare"],"reply":{"script":"fault.no_power","locale":"zh-Hans","text":"您好，"#))
        #expect(lines[0].hasSuffix(#"再见！"},"input":{"oldLabel":"故障报修","score":1.50}}"#))
        #expect(lines[1].hasPrefix(#"{"id":"2","language":"zh-Hans","category":"outage_query","subcategory":"restoration_time""#))
        #expect(lines[2] == #"{"line":3,"id":9,"error":"context.abuseWarnings must be an integer from 0 to 2"}"#)
        #expect(lines[3] == #"{"line":4,"error":"text must be a string"}"#)
        #expect(lines[4].contains(#""language":"bo","category":"fault_repair","subcategory":"no_power_premises""#))
        #expect(lines[5] == #"{"line":6,"error":"invalid UTF-8 at byte 0"}"#)
    }

    @Test func replyRendersOneScriptForAuthors() throws {
        let tibetan = try run(["reply", "--script", "fault.general", "--locale", "bo", "--var", "area=remote", "--var", "staffId=1024", "--now", "2026-06-10T10:00:00"])
        #expect(tibetan.status == 0 && tibetan.stdout.contains("ཆུ་ཚོད་གཉིས") && !tibetan.stdout.contains("{"))
        let unknown = try run(["reply", "--script", "fault.general", "--locale", "zh-Hans", "--var", "eta2=5"])
        #expect(unknown.status == 1 && unknown.stderr.contains("script fault.general (zh-Hans): unknown variable eta2"))
        let explained = try run(["explain", "我要投诉，抢修人员态度太差", "--context", #"{"openTicket": {"kind": "complaint", "deadlinePassed": true}}"#])
        #expect(explained.stdout.contains("body: complaint.repeat_overdue — category complaint, openTicket.deadlinePassed true"))
        #expect(explained.stdout.contains("also held: complaint.general — category complaint"))
    }
}
