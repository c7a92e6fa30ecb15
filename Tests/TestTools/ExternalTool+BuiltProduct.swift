import Foundation

extension ExternalTool {
    /// An executable this package built (`hookspec`), beside the running test bundle; `swift test`
    /// builds every product before it runs a test, so a missing one is a broken build, not a skip.
    public static func builtProduct(_ name: String) -> ExternalTool? {
        let bundleDirectory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent(name),
            packageRoot.appendingPathComponent(".build/debug").appendingPathComponent(name),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }.map { ExternalTool(url: $0) }
    }
}
