import Foundation

/// Runs a program to its end, standard input from the descriptor `input` (/dev/null when nil),
/// its output and errors to `outputPath`: the milliseconds from spawn to exit and the wait
/// status (-1 when it could not start).
func spawn(_ executable: String, _ arguments: [String], stdinFrom input: Int32? = nil, outputTo outputPath: String = "/dev/null") -> (Double, Int32) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    if let input { posix_spawn_file_actions_adddup2(&actions, input, 0) } else { posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0) }
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return (0, -1) }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, status)
}

/// Runs `executable` with `arguments` to its end, standard input from `input` and its
/// output thrown away, and returns the milliseconds from spawn to exit. A failure ends the
/// bench: a figure for a run that did not work would mislead.
func timeProcess(_ executable: String, _ arguments: [String], input: String = "/dev/null") -> Double {
    let descriptor = open(input, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { fatalError("cannot open \(input)") }
    defer { close(descriptor) }
    let (milliseconds, status) = spawn(executable, arguments, stdinFrom: descriptor)
    if status == -1 { fatalError("cannot start \(executable)") }
    if status != 0 { fatalError("\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status))") }
    return milliseconds
}

enum BatonBench {
    /// The milliseconds from process start to the first frame drawn and exit, for the real
    /// binary in a pty: script(1) gives baton one, as an SSH session would; what it draws
    /// is thrown away. Throws `BenchFailure` when the run failed.
    static func firstFrame(baton: String, configPath: String) throws -> Double {
        let line = "script -qec 'BATON_BENCH_FIRST_FRAME=1 TERM=xterm-256color \(baton) --config \(configPath)' /dev/null"
        let (milliseconds, status) = spawn("/bin/sh", ["-c", line])
        guard status == 0 else { throw BenchFailure("`\(line)` failed (wait status \(status))") }
        return milliseconds
    }
}
