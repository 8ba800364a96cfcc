import Foundation

/// Runs `executable` with `arguments` to its end, standard input from `input` and its
/// output thrown away, and returns the milliseconds from spawn to exit. A failure ends the
/// bench: a figure for a run that did not work would mislead.
func timeProcess(_ executable: String, _ arguments: [String], input: String = "/dev/null") -> Double {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) }; posix_spawn_file_actions_destroy(&actions) }
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { fatalError("cannot start \(executable)") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    if status != 0 { fatalError("\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status))") }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}
