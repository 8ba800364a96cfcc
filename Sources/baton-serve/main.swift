import BatonConfig
import BatonIngest
import BatonPostgres
import BatonReceiver
import BatonStore
import Foundation

// `baton serve` checks its options and the signing secret, then runs this program in its
// place (exec): the HTTP server's packages stay out of the `baton` binary, whose start-up
// (every screen, every `ingest email` from a mail server) would otherwise pay for them.
// Usage: baton-serve HOST PORT CONFIG, with the secret in $SLACK_SIGNING_SECRET, to receive
// and send; baton-serve CONFIG to send only (no --listen); baton-serve --socket-mode CONFIG
// to receive over Slack's Socket Mode (the app-level token in $SLACK_APP_TOKEN or the config) and send.

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("baton: \(message)\n".utf8))
    exit(status)
}

let log: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data("baton: \(line)\n".utf8)) }
let arguments = CommandLine.arguments
PostgresStore.register()  // `store = "postgres://…"` (issue 16)
if arguments.count == 3, arguments[1] == "--socket-mode" {
    await SocketModeService.run(configPath: arguments[2], log: log)
}
if arguments.count == 2 {
    do {
        let team = try ConfigFile.load(path: arguments[1])
        try OutboxLoop.start(team: team, configPath: arguments[1], log: log)
        try EscalationLoop.start(team: team, log: log)
        FileHandle.standardOutput.write(Data("sending replies from \(team.storePath)\n".utf8))
        while true { try await Task.sleep(for: .seconds(3_600)) }
    } catch {
        fail("cannot send: \(error)", status: 1)
    }
}
guard arguments.count == 4, let port = Int(arguments[2]) else {
    fail("baton-serve is started by `baton serve`; run that instead", status: 2)
}
guard let secret = ProcessInfo.processInfo.environment["SLACK_SIGNING_SECRET"], !secret.isEmpty else {
    fail("no signing secret: set SLACK_SIGNING_SECRET or pass --signing-secret-file to baton serve", status: 2)
}
let host = arguments[1]
do {
    let team = try ConfigFile.load(path: arguments[3])
    let store = try openStore(location: team.storePath)
    // Every verified event goes to the spool first and is answered at once; a thread stores
    // it from there, starting with whatever a previous run (killed, or stuck on a busy store)
    // left. The team's sync is a write: it runs on that thread too, so a busy store at start
    // delays storing, never answering.
    let spool = try EventSpool(storePath: team.storePath)
    let receiver = SlackEventReceiver(secret: Array(secret.utf8), roster: Roster(team: team), store: store,
                                      actor: "\(NSUserName()) (serve)", spool: spool)
    receiver.startDraining(prepare: { try store.syncTeam(team) }, report: log)
    try OutboxLoop.start(team: team, configPath: arguments[3], log: log)
    try EscalationLoop.start(team: team, log: log)
    try await SlackServer.run(host: host, port: port, receiver: receiver) { bound in
        // On stdout, so a supervisor or a test can learn the port when it was 0.
        FileHandle.standardOutput.write(Data("listening on http://\(host):\(bound)\(SlackServer.path)\n".utf8))
    }
} catch {
    fail("cannot serve on \(host):\(port): \(error)", status: 1)
}
