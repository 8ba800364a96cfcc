// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "baton",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "baton", targets: ["baton"]),
        .executable(name: "baton-serve", targets: ["baton-serve"]),
        .executable(name: "baton-postgres", targets: ["baton-postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // SHA-256 for mail without a Message-ID, HMAC-SHA256 for Slack's request signatures.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The HTTP server behind `baton serve`, for the Slack Events API.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already under Hummingbird; named for the receiver's per-request deadline (a channel handler).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // Zipped Slack exports, read entry by entry in memory: nothing unpacked where others could read it.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // Slack's Socket Mode (issue 13 item 7): the Hummingbird project's WebSocket client (and
        // its server, for the test), TLS through swift-nio-ssl; only baton-serve links them.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The PostgreSQL store (issue 16): the wire protocol, SCRAM, TLS and LISTEN/NOTIFY.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The domain: values, SLA clock, rotation, sanitising. Pure: time is passed in.
        .target(name: "BatonCore"),
        // Configuration files (baton.toml, themes) parsed into Core values.
        .target(name: "BatonConfig", dependencies: [
            "BatonCore",
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        .target(name: "BatonStore", dependencies: [
            "BatonCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // The store protocols over PostgreSQL (issue 16), for teams on several boxes. Its own
        // target, registered by the executables at start (StoreOpener), so BatonStore stays
        // without it.
        .target(name: "BatonPostgres", dependencies: [
            "BatonCore", "BatonStore",
            .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // Slack exports and events, RFC 5322/MIME mail, mbox and maildir, NPS answers, into the store.
        .target(name: "BatonIngest", dependencies: [
            "BatonCore", "BatonStore",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        // `baton serve`: the Slack Events API over HTTP. Its own target, so that the rest
        // builds without waiting for the server's (slow to compile) packages.
        .target(name: "BatonReceiver", dependencies: [
            "BatonCore", "BatonStore", "BatonIngest",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        ]),
        // The outbox's sender and its email connector (issue 13): no HTTP, so `baton` links it.
        .target(name: "BatonOutbox", dependencies: ["BatonCore", "BatonStore", "BatonIngest", "BatonConfig"]),
        // The Slack connector: HTTP and TLS through FoundationNetworking (the toolchain's libcurl,
        // nothing more to build); only baton-serve links it.
        .target(name: "BatonSlackOutbox", dependencies: ["BatonCore", "BatonStore", "BatonOutbox"]),
        // `baton serve --socket-mode`: Slack's events over a WebSocket the box opens (no public
        // address needed), into the receiver's spool; only baton-serve links it.
        .target(name: "BatonSocketMode", dependencies: [
            "BatonCore", "BatonIngest",
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Functions for what ncurses offers only as macros, built on the same header.
        .target(name: "CNcursesShim", dependencies: ["CNcurses"]),
        .target(name: "BatonTUI", dependencies: [
            "BatonCore", "BatonStore", "BatonConfig", "CNcurses", "CNcursesShim",
        ]),
        // Every command of `baton`, as a library: two programs run them.
        .target(name: "BatonCLI", dependencies: [
            "BatonCore", "BatonStore", "BatonConfig", "BatonTUI", "BatonIngest", "BatonOutbox",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // SQLite stores; a `postgres://` store hands the run to baton-postgres, so that
        // postgres-nio and BoringSSL stay out of this binary and its start-up (issue 16).
        .executableTarget(name: "baton", dependencies: ["BatonCLI"]),
        .executableTarget(name: "baton-postgres", dependencies: ["BatonCLI", "BatonPostgres"]),
        // `baton serve` runs this in its place, so that the HTTP server's packages stay out
        // of baton's binary and start-up.
        .executableTarget(name: "baton-serve", dependencies: ["BatonConfig", "BatonStore", "BatonPostgres", "BatonIngest", "BatonReceiver", "BatonOutbox", "BatonSlackOutbox",
                                                              "BatonSocketMode"]),
        // `make bench`: figures the issues ask for, measured outside the test suite.
        .executableTarget(name: "baton-bench", dependencies: [
            "BatonCore", "BatonStore", "BatonConfig", "BatonTUI", "BatonIngest", "BatonOutbox",
            "BatonPostgres",  // the store figures on PostgreSQL (issue 16)
        ]),
        .target(name: "BatonTestSupport", dependencies: ["BatonCore", "BatonTUI"], path: "Tests/BatonTestSupport"),
        .testTarget(name: "BatonCoreTests", dependencies: ["BatonCore"]),
        .testTarget(name: "BatonConfigTests", dependencies: ["BatonConfig"]),
        .testTarget(name: "BatonStoreTests", dependencies: ["BatonStore"]),
        .testTarget(name: "BatonTUITests", dependencies: ["BatonTUI", "BatonStore", "BatonConfig", "BatonTestSupport"]),
        .testTarget(name: "BatonIngestTests", dependencies: ["BatonIngest", "BatonStore", "BatonTestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BatonOutboxTests", dependencies: ["BatonOutbox", "BatonStore", "BatonIngest", "BatonCore"]),
        .testTarget(name: "BatonSocketModeTests", dependencies: [
            "BatonSocketMode", "BatonIngest", "BatonStore", "BatonCore",
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // One suite against the store protocols, run on SQLite and on a PostgreSQL server.
        .testTarget(name: "StoreConformanceTests", dependencies: ["BatonCore", "BatonStore", "BatonPostgres"]),
        .testTarget(name: "EndToEndTests", dependencies: ["BatonTestSupport", "BatonCore", "BatonStore", "BatonIngest"]),
    ]
)
