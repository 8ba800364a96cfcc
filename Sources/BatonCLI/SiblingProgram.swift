import Foundation

/// The programs installed beside `baton` (`baton-serve`, `baton-postgres`), and running one
/// in this process's place (execve), so that their packages stay out of `baton`'s binary.
enum SiblingProgram {
    /// The path of `name` in the folder of the running executable (links resolved).
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Runs `words[0]` in this process's place with `environment`; returns only on failure.
    /// - Throws: `Failure` naming the program when it is missing or cannot be run.
    static func exec(_ words: [String], environment: [String: String], build: String) throws -> Never {
        let program = words[0]
        guard FileManager.default.isExecutableFile(atPath: program) else {
            throw Failure(description: "\(program) is missing; it is built and installed beside baton (\(build))")
        }
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        execve(program, argv, envp)
        throw Failure(description: "cannot run \(program): \(String(cString: strerror(errno)))")
    }
}
