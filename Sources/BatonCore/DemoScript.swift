/// What customers of a GraphQL router company write about, and how the team answers:
/// the material the demo's conversations are made of.
enum DemoScript {
    struct Topic {
        var subject: String
        var opening: String
        var followUps: [String]
        var replies: [String]
    }

    static let topics: [Topic] = [
        Topic(subject: "Router drops subscriptions after ~30 minutes",
              opening: "Since Tuesday our router closes every WebSocket subscription after roughly 30 minutes. Clients reconnect, but we lose events in between. We run 1.42 on Kubernetes behind an AWS ALB.",
              followUps: ["It happened again at 14:05 UTC, 312 subscriptions dropped at once.", "Our ALB idle timeout is 3600 s, so it shouldn't be that.", "Any update? Our trading desk is asking."],
              replies: ["Thanks, looking now. Can you send the router logs around 14:05 UTC with `RUST_LOG=debug`?", "The heartbeat interval defaults to 30 min in 1.42; set `subscription.heartbeat_interval: 10s` while we ship a fix."]),
        Topic(subject: "Playground shows stale schema after deploy",
              opening: "After publishing a new subgraph schema the playground still shows the old types for a good 20 minutes. The router itself serves the new schema fine.",
              followUps: ["Hard refresh doesn't help.", "Colleagues in another office see the same thing."],
              replies: ["The playground caches introspection per browser; we are checking the CDN headers on our side.", "Found it: a cache-control header from the schema registry. A fix is rolling out now."]),
        Topic(subject: "401 on every request since key rotation",
              opening: "We rotated our graph API key this morning following your docs and now every request from the router gets a 401 Unauthorized from uplink.",
              followUps: ["We double-checked the key is the new one in the secret.", "Rolling back to the old key doesn't work either, it was revoked."],
              replies: ["Can you share the key's ID (not the secret) so I can look up its scope?", "The new key was created with the `observer` role; it needs `graph-admin` for uplink. Re-issued one for you."]),
        Topic(subject: "Latency spike on p99 after upgrading to 1.43",
              opening: "p99 latency went from 80 ms to 450 ms right after the 1.43 upgrade. p50 is unchanged. Nothing else changed in the deploy.",
              followUps: ["Attaching a flame graph from one of the pods.", "Rolling back fixes it, so it's definitely the router."],
              replies: ["Thanks for the flame graph: query planning is being re-run on each request. Do you use `@defer`?", "Confirmed regression in the planner cache key. 1.43.1 is out with the fix."]),
        Topic(subject: "Question about rate limits on the schema registry",
              opening: "Our CI publishes schemas for 40 subgraphs on every merge. We started seeing 429 responses. What are the limits and can they be raised?",
              followUps: ["We can batch the publishes if that helps."],
              replies: ["The limit is 60 publishes per minute per graph. Batching with `rover subgraph publish --batch` will keep you well under."]),
        Topic(subject: "Federation: entity resolution returns null for some ids",
              opening: "Queries that resolve `Product` across the inventory subgraph return null for about 2% of ids. The subgraph returns the data when queried directly.",
              followUps: ["It's always the same ids.", "Those ids contain a slash, could that matter?"],
              replies: ["Slashes shouldn't matter, but let's see the `_entities` request the router sends. Can you enable query plan logging?"]),
        Topic(subject: "Invoice shows double seats for November",
              opening: "Our November invoice lists 84 seats, we have 42 users. Can you check?",
              followUps: ["Our finance team needs this before month end."],
              replies: ["Looping in your CSM; the seat count looks like it counted invited-but-not-accepted users twice."]),
        Topic(subject: "SSO login loop with Okta",
              opening: "Users get bounced between Okta and the studio login page in a loop. Started after we changed our Okta app's ACS URL.",
              followUps: ["Clearing cookies gives one successful login, then the loop again."],
              replies: ["The ACS URL must end in `/sso/saml/acs` exactly, without a trailing slash. Can you check?"]),
        Topic(subject: "Router memory grows until OOM kill",
              opening: "Router pods grow from 300 MB to 2 GB over about six hours and then get OOM-killed. Traffic is flat.",
              followUps: ["Heap profile attached.", "Setting a lower cache size slows it but it still grows."],
              replies: ["The profile points at the persisted query cache. Is APQ enabled with an unbounded cache?"]),
        Topic(subject: "How do we set up a staging variant?",
              opening: "We want a staging variant of our graph that mirrors production. What's the recommended setup?",
              followUps: [],
              replies: ["Create a variant with `rover graph publish my-graph@staging`; each variant has its own schema history and keys."]),
        Topic(subject: "Webhook for schema checks not firing",
              opening: "The schema check webhook to our Slack stopped firing last week. The checks themselves run fine.",
              followUps: ["We didn't change anything on the Slack side."],
              replies: ["Your webhook URL returns 410 Gone; Slack retires legacy webhooks. Please create a new one."]),
        Topic(subject: "ルーターが再起動を繰り返す 🔁",
              opening: "本番環境のルーターが5分ごとに再起動しています。ログに panic が出ています。",
              followUps: ["ログを添付しました。よろしくお願いします 🙏"],
              replies: ["ログありがとうございます。panic の原因は設定ファイルの `cors` セクションです。修正版を送ります。"]),
        Topic(subject: "Build logs: \u{1B}[31mERROR\u{1B}[0m in composition step",
              opening: "Pasting straight from our CI, colors and all:\n\u{1B}[31merror\u{1B}[0m[E029]: Encountered 2 build errors while trying to build a supergraph.\n\u{1B}[1mFIELD_TYPE_MISMATCH\u{1B}[0m: Type \"Order\" has mismatched field types.",
              followUps: ["Our terminal shows that in red, hope it reads OK on your side."],
              replies: ["Reads fine. `Order.total` is `Float` in one subgraph and `Int` in the other; make them match."]),
        Topic(subject: "Can we get a copy of your SOC 2 report?",
              opening: "Our security team asks for your latest SOC 2 Type II report as part of the annual vendor review.",
              followUps: [],
              replies: ["Sure, your CSM will share it through the trust portal under NDA."]),
        Topic(subject: "Operation limits rejecting legitimate queries",
              opening: "Since enabling operation limits, our product page query gets rejected with `MAX_DEPTH_LIMIT`. It's depth 12; we set the limit to 15.",
              followUps: ["Fragments seem to count twice?"],
              replies: ["Yes: fragment spreads inside inline fragments were double counted. Fixed in 1.44; workaround: raise to 20."]),
    ]

    static let people = ["Priya Raman", "Tom Becker", "Lucía Fernández", "Kenji Watanabe", "Olivia Chen", "Marcus Hill", "Sofia Rossi",
                         "Jonas Berg", "Amara Okafor", "Ravi Menon", "Hannah Weiss", "Diego Alvarez", "Yuki Sato", "Emma Dubois"]
}
