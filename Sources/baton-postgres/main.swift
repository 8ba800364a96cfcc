import BatonCLI
import BatonPostgres

// `baton-postgres`: the same commands as `baton`, with the PostgreSQL store linked in
// (issue 16). `baton` runs it in its own place when the config's store is `postgres://`.
PostgresStore.register()
Baton.main()
