/// The demo's baton.toml: a believable team of six in Berlin and New York, eight
/// customers over three tiers. Written once into the demo folder; edit it freely there.
enum DemoConfig {
    static let text = """
        # baton demo configuration: written by `baton demo`; edit it to try things out.
        store = "demo.sqlite"
        internal_domains = ["example-corp.com"]
        theme = "dark"

        [rotation]
        anchor = "2026-01-05"
        length = "1w"

        [[region]]
        id = "europe"
        name = "Europe"
        tz = "Europe/Berlin"
        takes_point = "07:00"
        days = ["mon", "tue", "wed", "thu", "fri"]
        roster = ["ana", "ben", "chiara"]

        [[region]]
        id = "us"
        name = "US"
        tz = "America/New_York"
        takes_point = "09:00"
        days = ["mon", "tue", "wed", "thu", "fri"]
        until = "20:00"
        roster = ["dave", "erin", "frank"]

        [[engineer]]
        id = "ana"
        name = "Ana Lima"
        region = "europe"
        unix_user = "ana"
        slack_user = "U024BE7LH"

        [[engineer]]
        id = "ben"
        name = "Ben Hofmann"
        region = "europe"
        unix_user = "ben"

        [[engineer]]
        id = "chiara"
        name = "Chiara Conti"
        region = "europe"
        unix_user = "chiara"

        [[engineer]]
        id = "dave"
        name = "Dave Miller"
        region = "us"
        unix_user = "dave"

        [[engineer]]
        id = "erin"
        name = "Erin Walsh"
        region = "us"
        unix_user = "erin"

        [[engineer]]
        id = "frank"
        name = "Frank Ortiz"
        region = "us"
        unix_user = "frank"

        # Pro is answered in the team's working day: 08:00-20:00 Berlin time covers Europe's
        # shift and most of the US's. The season's holidays are closed.
        [[calendar]]
        id = "support-hours"
        tz = "Europe/Berlin"
        hours = ["mon-fri 08:00-20:00"]
        holidays = ["2026-12-24", "2026-12-25", "2026-12-26", "2026-12-31", "2027-01-01"]

        [[tier]]
        id = "enterprise"
        short = "ENT"
        first_response = "1h"
        next_response = "4h"
        resolution = "3d"
        hours = "24x7"
        # Enterprise's clock keeps running while a conversation is on hold.
        pause_on_hold = false
        warn_before = "15m"

        [[tier]]
        id = "pro"
        short = "PRO"
        first_response = "4h"
        next_response = "1d"
        hours = "support-hours"
        warn_before = "30m"

        [[tier]]
        id = "free"
        short = "FREE"
        first_response = "2d"
        next_response = "3d"
        hours = "business"

        [[customer]]
        id = "acme"
        name = "Acme"
        tier = "enterprise"
        slack_channel = "C024BE91L"
        email_domains = ["acme.io"]
        engineer = "ana"
        csm = "viola"

        [[customer]]
        id = "globex"
        name = "Globex"
        tier = "enterprise"
        slack_channel = "C024BE92M"
        email_domains = ["globex.com"]
        engineer = "dave"
        csm = "viola"

        [[customer]]
        id = "initech"
        name = "Initech"
        tier = "enterprise"
        slack_channel = "C024BE93N"
        email_domains = ["initech.com"]
        engineer = "ben"
        csm = "marco"

        [[customer]]
        id = "umbrella"
        name = "Umbrella Health"
        tier = "pro"
        email_domains = ["umbrella-health.org"]
        engineer = "erin"
        csm = "marco"

        [[customer]]
        id = "hooli"
        name = "Hooli"
        tier = "pro"
        slack_channel = "C024BE95Q"
        email_domains = ["hooli.xyz"]

        # Served in business hours where the customer is: Mon-Fri 09:00-17:00 in Tokyo.
        [[customer]]
        id = "kaito"
        name = "海藤システムズ"
        tier = "pro"
        email_domains = ["kaito.co.jp"]
        engineer = "chiara"
        hours = "business"
        tz = "Asia/Tokyo"

        [[customer]]
        id = "piedpiper"
        name = "Pied Piper"
        tier = "free"
        email_domains = ["piedpiper.com"]

        [[customer]]
        id = "vandelay"
        name = "Vandelay Industries"
        tier = "free"
        email_domains = ["vandelay.com"]
        """
}
