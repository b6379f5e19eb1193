import Foundation
import PackagePlugin

/// Embeds every file under `rules/` and `scripts/` into the target as `BundledFiles.swift`.
@main
struct EmbedBundledDefaults: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["rules", "scripts"] {
            let directory = root.appending(path: folder)
            guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                if url.lastPathComponent.hasPrefix(".") || url.pathExtension == "md" { continue }
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding the default rule pack and reply catalog",
                executable: try context.tool(named: "BundledFileEmbedder").url,
                arguments: [output.path(), root.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }
}
