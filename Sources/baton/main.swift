import BatonCLI

// `baton`: every command, on SQLite stores. A `postgres://` store hands the run to
// `baton-postgres` (PostgresHandOver), so that postgres-nio and its TLS stay out of this
// binary and of the start-up of every screen and every `ingest email` a mail server runs.
PostgresHandOver.beforeParsing()  // a postgres:// config: hand over before parsing anything (issue 16)
Baton.main()
