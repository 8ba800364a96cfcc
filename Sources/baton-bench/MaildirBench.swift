import Foundation

/// `ingest maildir` of 20,000 generated MIME mails (issue 10): multipart/alternative with
/// quoted-printable text, one in five with a base64 attachment, threads of five answering
/// each other, from three customers' domains. Messages per second of the whole process,
/// beside `notmuch new` indexing the same folder when notmuch is installed.
enum MaildirBench {
    static let messages = 20_000

    /// `BATON_BENCH=maildir .build/release/baton-bench`: only this section and the one-mail
    /// figure, in their own folder, then exit (a whole `make bench` takes many minutes).
    /// Returns without doing anything otherwise.
    static func runAloneIfAsked() throws {
        guard ProcessInfo.processInfo.environment["BATON_BENCH"] == "maildir" else { return }
        let root = FileManager.default.currentDirectoryPath
        let folder = root + "/.build/bench/maildir-only"
        let baton = root + "/.build/release/baton"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(folder, 0o700)
        let config = folder + "/baton.toml"
        // The config `make bench` gives its ingest section.
        try """
            store = "ingest.sqlite"
            internal_domains = ["example-corp.com"]
            [[tier]]
            id = "enterprise"
            short = "ENT"
            first_response = "1h"
            next_response = "4h"
            [[tier]]
            id = "pro"
            short = "PRO"
            first_response = "4h"
            [[engineer]]
            id = "ana"
            region = "europe"
            [[region]]
            id = "europe"
            tz = "Europe/Berlin"
            takes_point = "07:00"
            roster = ["ana"]
            [[customer]]
            id = "acme"
            name = "Acme"
            tier = "enterprise"
            [[customer]]
            id = "globex"
            name = "Globex"
            tier = "pro"
            slack_channel = "acme-support"
            email_domains = ["globex.com"]

            """.write(toFile: config, atomically: true, encoding: .utf8)
        try run(baton: baton, folder: folder, config: config)
        // One mail on stdin into the store the maildir filled, as a mail server pipes it.
        var times: [Double] = []
        for index in 0..<21 {
            let mail = folder + "/mail.eml"
            try "From: Dana <dana@globex.com>\r\nTo: support@example-corp.com\r\nSubject: Invoice \(index) looks wrong\r\nMessage-ID: <one-\(index)-\(UUID().uuidString)@globex.com>\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThe total is off by =E2=82=AC12.\r\n"
                .write(toFile: mail, atomically: true, encoding: .utf8)
            times.append(timeProcess(baton, ["ingest", "email", "--config", config], input: mail))
        }
        print(String(format: "ingest email, one message on stdin into that store, process start to exit (median of 21): %.1f ms (max %.1f ms)",
                     median(times), times.max()!))
        exit(0)
    }

    static func run(baton: String, folder: String, config: String) throws {
        let maildir = folder + "/maildir"
        try write(maildir)
        var rates: [Double] = []
        for _ in 0..<3 {
            let store = (config as NSString).deletingLastPathComponent + "/ingest.sqlite"
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            let milliseconds = timeProcess(baton, ["ingest", "maildir", "--config", config, maildir])
            rates.append(Double(messages) / (milliseconds / 1_000))
        }
        print(String(format: "ingest maildir, %d MIME mails into a new store (median of 3, whole process): %.0f messages/s",
                     messages, median(rates)))
        guard let notmuch = ["/usr/bin/notmuch", "/usr/local/bin/notmuch"].first(where: FileManager.default.isExecutableFile) else {
            print("notmuch new: notmuch is not installed (apt-get install notmuch), no comparison")
            return
        }
        let notmuchConfig = folder + "/notmuch-config"
        try "[database]\npath=\(maildir)\n[new]\ntags=inbox\n[maildir]\nsynchronize_flags=false\n".write(toFile: notmuchConfig, atomically: true, encoding: .utf8)
        setenv("NOTMUCH_CONFIG", notmuchConfig, 1)
        var notmuchRates: [Double] = []
        for _ in 0..<3 {
            try? FileManager.default.removeItem(atPath: maildir + "/.notmuch")
            let milliseconds = timeProcess(notmuch, ["new", "--quiet"])
            notmuchRates.append(Double(messages) / (milliseconds / 1_000))
        }
        try? FileManager.default.removeItem(atPath: maildir + "/.notmuch")
        print(String(format: "notmuch new on the same maildir (median of 3): %.0f messages/s; baton is %.2f times as fast",
                     median(notmuchRates), median(rates) / median(notmuchRates)))
    }

    /// The maildir, written once and kept (its names carry the index, so a rerun finds it whole).
    static func write(_ maildir: String) throws {
        let last = String(format: "%@/cur/%010d.M%dP1.bench:2,S", maildir, 1_790_000_000 + messages - 1, messages - 1)
        if FileManager.default.fileExists(atPath: last) { return }
        try? FileManager.default.removeItem(atPath: maildir)
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        let domains = ["acme.io", "globex.com", "initech.dev"]
        let attachment = Data((0..<3_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        for index in 0..<messages {
            let thread = index / 5, turn = index % 5
            let domain = domains[thread % domains.count]
            let from = turn % 2 == 0 ? "Customer \(thread % 97) <user\(thread % 97)@\(domain)>" : "Ana <ana@example-corp.com>"
            let to = turn % 2 == 0 ? "support@example-corp.com" : "user\(thread % 97)@\(domain)"
            let reply = turn == 0 ? "" : "In-Reply-To: <bench-\(index - 1)@mail.\(domain)>\r\nReferences: <bench-\(thread * 5)@mail.\(domain)>\r\n"
            let subject = (turn == 0 ? "" : "Re: ") + "Router drops subscriptions after deploy \(thread)"
            let text = "Hello,\r\n\r\nthe router drops subscriptions after a deploy =E2=80=93 turn \(turn) of thread \(thread).\r\nIt happens at =\r\n09:00 every day; the log says =E2=82=AC0.00 and nothing else.\r\n\r\nRegards\r\n"
            var body = """
                --alt\(index)\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                \(text)\r
                --alt\(index)\r
                Content-Type: text/html; charset=utf-8\r
                Content-Transfer-Encoding: quoted-printable\r
                \r
                <p>\(text.replacingOccurrences(of: "\r\n", with: "<br>"))</p>\r
                --alt\(index)--\r

                """
            var type = "multipart/alternative; boundary=\"alt\(index)\""
            if index % 5 == 2 {
                body = """
                    --mix\(index)\r
                    Content-Type: \(type)\r
                    \r
                    \(body)\r
                    --mix\(index)\r
                    Content-Type: application/octet-stream; name="router-\(index).log"\r
                    Content-Disposition: attachment; filename="router-\(index).log"\r
                    Content-Transfer-Encoding: base64\r
                    \r
                    \(attachment)\r
                    --mix\(index)--\r

                    """
                type = "multipart/mixed; boundary=\"mix\(index)\""
            }
            let mail = """
                Received: from mail.\(domain) by mx.example-corp.com; Mon, 23 Nov 2026 \(String(format: "%02d:%02d:%02d", (index / 3600) % 24, (index / 60) % 60, index % 60)) +0000\r
                From: \(from)\r
                To: \(to)\r
                Subject: \(subject)\r
                Date: Mon, 23 Nov 2026 10:00:00 +0000\r
                Message-ID: <bench-\(index)@mail.\(domain)>\r
                \(reply)MIME-Version: 1.0\r
                Content-Type: \(type)\r
                \r
                \(body)
                """
            let name = String(format: "%@/cur/%010d.M%dP1.bench:2,S", maildir, 1_790_000_000 + index, index)
            try mail.write(toFile: name, atomically: false, encoding: .utf8)
        }
    }
}
