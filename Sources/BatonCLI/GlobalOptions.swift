import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (else $BATON_CONFIG, ./baton.toml, $XDG_CONFIG_HOME/baton/baton.toml, /etc/baton/baton.toml).")
    var config: String?
}
