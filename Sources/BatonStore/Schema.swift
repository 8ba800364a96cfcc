/// The store's schema, as numbered migrations. `PRAGMA user_version` records how many
/// have run; each runs once, in the same transaction that bumps the version.
enum Schema {
    static let migrations: [String] = [
        // 1: the foundation.
        """
        CREATE TABLE tiers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            short TEXT NOT NULL,
            first_response_s INTEGER NOT NULL,
            next_response_s INTEGER NOT NULL,
            hours TEXT NOT NULL,
            rank INTEGER NOT NULL
        );
        CREATE TABLE engineers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            region TEXT NOT NULL,
            unix_user TEXT,
            slack_user TEXT,
            email TEXT
        );
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            tier_id TEXT NOT NULL,
            slack_channel TEXT,
            email_domains TEXT NOT NULL DEFAULT '',
            engineer_id TEXT,
            csm TEXT
        );
        CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            external_key TEXT UNIQUE,
            customer_id TEXT,
            customer_name TEXT NOT NULL,
            tier_id TEXT NOT NULL,
            subject TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new','open','pending','on_hold','solved','closed')),
            is_open INTEGER GENERATED ALWAYS AS (status NOT IN ('solved','closed')) VIRTUAL,
            source TEXT NOT NULL CHECK (source IN ('slack','email','nps')),
            owner_id TEXT,
            owner_since INTEGER,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            first_response_at INTEGER,
            awaiting_since INTEGER,
            sla_due INTEGER,
            message_count INTEGER NOT NULL DEFAULT 0,
            version INTEGER NOT NULL DEFAULT 1
        );
        -- The queue: open conversations by deadline, those owing nothing last.
        CREATE INDEX conversations_queue ON conversations (is_open, ifnull(sla_due, 9223372036854775807), id);
        CREATE INDEX conversations_unowned ON conversations (is_open, owner_id);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            external_key TEXT UNIQUE,
            author_kind TEXT NOT NULL CHECK (author_kind IN ('customer','team','bot','system')),
            author_name TEXT NOT NULL,
            author_id TEXT,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'received'
        );
        CREATE INDEX messages_thread ON messages (conversation_id, created_at, id);
        CREATE VIRTUAL TABLE messages_fts USING fts5 (body, content='messages', content_rowid='id');
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF body ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO messages_fts (rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
            detail TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX events_conversation ON events (conversation_id, at);
        """,
        // 2: the rotation's overrides and handoffs, and why an owner owns a conversation.
        """
        -- 'point' (given to the engineer holding point), 'dedicated' (the customer's pair),
        -- 'claim', 'assign' or 'take'. A handoff moves only the 'point' ones.
        ALTER TABLE conversations ADD COLUMN owner_via TEXT;
        CREATE INDEX conversations_owner ON conversations (owner_id, owner_via) WHERE owner_id IS NOT NULL;
        CREATE TABLE overrides (
            id INTEGER PRIMARY KEY,
            engineer_id TEXT NOT NULL,
            replaces_id TEXT NOT NULL,
            starts_at INTEGER NOT NULL,
            ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
            reason TEXT NOT NULL DEFAULT '',
            actor TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        -- One row per boundary: the primary key makes a handoff run exactly once.
        CREATE TABLE handoffs (
            boundary_at INTEGER PRIMARY KEY,
            from_region TEXT,
            from_engineer TEXT,
            to_region TEXT,
            to_engineer TEXT,
            moved INTEGER NOT NULL DEFAULT 0,
            ran_at INTEGER NOT NULL,
            actor TEXT NOT NULL,
            -- When the incoming engineer saw the handoff report.
            seen_at INTEGER
        );
        CREATE TABLE handoff_moves (
            boundary_at INTEGER NOT NULL REFERENCES handoffs(boundary_at),
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            PRIMARY KEY (boundary_at, conversation_id)
        );
        CREATE TABLE handoff_notes (
            id INTEGER PRIMARY KEY,
            author_id TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        """,
        // 3: ownership and team actions (issue 4): collaborators, tags, presence, reply
        // drafts, and a small key/value table (the demo store's marker).
        """
        -- Engineers roped in beside the owner; they help without owning.
        CREATE TABLE collaborators (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            engineer_id TEXT NOT NULL,
            added_by TEXT NOT NULL,
            added_at INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, engineer_id)
        );
        CREATE TABLE tags (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            tag TEXT NOT NULL,
            PRIMARY KEY (conversation_id, tag)
        );
        -- One row per screen process with a conversation open, refreshed about every second
        -- and ignored once older than a few seconds, so a killed process drops out by itself.
        -- heartbeat_at is in milliseconds.
        CREATE TABLE presence (
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            engineer_id TEXT NOT NULL,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            activity TEXT NOT NULL CHECK (activity IN ('viewing','replying')),
            heartbeat_at INTEGER NOT NULL,
            PRIMARY KEY (host, pid)
        );
        CREATE INDEX presence_conversation ON presence (conversation_id, heartbeat_at);
        -- A reply or note whose editor failed: kept to resume, one per engineer and conversation.
        CREATE TABLE drafts (
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            author_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('reply','note')),
            body TEXT NOT NULL,
            saved_at INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, author_id, kind)
        );
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
        // 4: what imports need beyond conversations and messages.
        """
        -- Slack edits replace a message's text; deletions mark it and keep the text for the record.
        ALTER TABLE messages ADD COLUMN edited_at INTEGER;
        ALTER TABLE messages ADD COLUMN deleted_at INTEGER;
        -- Input that could not be parsed, kept whole so that nothing is lost; the digest
        -- makes a redelivered message land once.
        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL,
            raw BLOB NOT NULL,
            digest TEXT NOT NULL UNIQUE,
            received_at INTEGER NOT NULL
        );
        -- Every NPS answer, detractor or not; internal ones are kept but never counted.
        CREATE TABLE nps_answers (
            id INTEGER PRIMARY KEY,
            external_key TEXT NOT NULL UNIQUE,
            answered_at INTEGER NOT NULL,
            email TEXT NOT NULL,
            customer_id TEXT,
            internal INTEGER NOT NULL,
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
            comment TEXT NOT NULL,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE SET NULL
        );
        -- Slack Events API deliveries already handled, so a retry stores nothing twice.
        CREATE TABLE slack_events (
            event_id TEXT PRIMARY KEY,
            received_at INTEGER NOT NULL
        );
        -- Email threading by subject within a customer, when the headers do not say.
        CREATE INDEX conversations_subject ON conversations (customer_name, subject);
        """,
        // 5: presence moves to a file of its own (PresenceFile): heartbeats in the store
        // woke every screen's change feed each second. Migration 3 shipped with the table,
        // so it is dropped here rather than edited out of 3.
        """
        DROP INDEX IF EXISTS presence_conversation;
        DROP TABLE IF EXISTS presence;
        """,
        // 6: messages are indexed for search by the code that inserts them (insertMessage),
        // not by a trigger: FTS5 flushed its pending terms after every trigger program, so an
        // import of 100,000 messages built 100,000 index segments and spent its time merging.
        """
        DROP TRIGGER messages_fts_insert;
        """,
        // 7: CHECK constraints as comparisons, not IN lists: SQLite builds a temporary b-tree
        // for an IN list of more than two values on every row it checks, which was a fifth of
        // the cost of inserting a message. The rule is the same, and so are the rows on disk,
        // so the definitions are edited in place, as SQLite's ALTER TABLE page describes
        // for changing a CHECK constraint (SQLiteStore.migrate bumps schema_version after).
        """
        PRAGMA writable_schema = ON;
        UPDATE sqlite_master SET sql = replace(sql,
            'CHECK (author_kind IN (''customer'',''team'',''bot'',''system''))',
            'CHECK (author_kind = ''customer'' OR author_kind = ''team'' OR author_kind = ''bot'' OR author_kind = ''system'')')
        WHERE type = 'table' AND name = 'messages';
        UPDATE sqlite_master SET sql = replace(replace(sql,
            'CHECK (status IN (''new'',''open'',''pending'',''on_hold'',''solved'',''closed''))',
            'CHECK (status = ''new'' OR status = ''open'' OR status = ''pending'' OR status = ''on_hold'' OR status = ''solved'' OR status = ''closed'')'),
            'CHECK (source IN (''slack'',''email'',''nps''))',
            'CHECK (source = ''slack'' OR source = ''email'' OR source = ''nps'')')
        WHERE type = 'table' AND name = 'conversations';
        PRAGMA writable_schema = OFF;
        -- Read the edited text again now: a later migration in the same transaction that
        -- alters these tables (ADD COLUMN) would otherwise work from the old text's offsets
        -- and splice its column into the middle of a CHECK constraint.
        PRAGMA writable_schema = RESET;
        """,
        // 8: a thread only bots wrote in owes no answer (SLAClock counts the first answer from
        // the customer's first message, not the conversation's start); stores from before
        // kept a deadline on such threads. No customer message and no team answer is exactly
        // when both of these are null.
        """
        UPDATE conversations SET sla_due = NULL WHERE first_response_at IS NULL AND awaiting_since IS NULL AND sla_due IS NOT NULL;
        """,
        // 9: the SLA clock counts open calendar time (issue 12). Tiers gain a resolution target,
        // whether on hold pauses, the at-risk warning and the calendar they count in (NULL:
        // 24x7); a customer's calendar is resolved at sync (its own hours, else its tier's).
        // Conversations keep when the customer first wrote and the stretches their clock
        // stood still (SLAPause.encode). The deadlines themselves are worked out again by the
        // next syncTeam, since no SLA fingerprint is stored yet.
        """
        ALTER TABLE tiers ADD COLUMN resolution_s INTEGER;
        ALTER TABLE tiers ADD COLUMN pause_on_hold INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE tiers ADD COLUMN warn_before_s INTEGER NOT NULL DEFAULT 900;
        ALTER TABLE tiers ADD COLUMN calendar_id TEXT;
        ALTER TABLE customers ADD COLUMN calendar_id TEXT;
        CREATE TABLE sla_calendars (
            id TEXT PRIMARY KEY,
            tz TEXT NOT NULL,
            -- BusinessCalendar.hoursEntries joined by ';', holidayEntries joined by ','.
            hours TEXT NOT NULL,
            holidays TEXT NOT NULL
        );
        ALTER TABLE conversations ADD COLUMN first_customer_at INTEGER;
        ALTER TABLE conversations ADD COLUMN sla_pauses TEXT NOT NULL DEFAULT '';
        UPDATE conversations SET first_customer_at = (SELECT min(m.created_at) FROM messages m
            WHERE m.conversation_id = conversations.id AND m.author_kind = 'customer');
        DELETE FROM meta WHERE key = 'sla_fingerprint';
        """,
        // 10: who holds point, right in every case (issue 11).
        """
        -- Removing an override keeps its row, marked with who removed it and when: the
        -- rotation reads only those not removed, `override list --all` shows the rest.
        ALTER TABLE overrides ADD COLUMN removed_at INTEGER;
        ALTER TABLE overrides ADD COLUMN removed_by TEXT;
        -- Why a conversation is in a handoff's list: 'moved' from the outgoing engineer, or
        -- 'gap': it arrived while nobody held point and was still unowned when point returned.
        ALTER TABLE handoff_moves ADD COLUMN reason TEXT NOT NULL DEFAULT 'moved';
        -- How many of those arrived in the gap before the handoff (`moved` counts the rest).
        ALTER TABLE handoffs ADD COLUMN gap_given INTEGER NOT NULL DEFAULT 0;
        -- An override put this engineer on point: their screen shows it the next time it is
        -- open, then marks it seen.
        CREATE TABLE point_notices (
            id INTEGER PRIMARY KEY,
            engineer_id TEXT NOT NULL,
            override_id INTEGER NOT NULL REFERENCES overrides(id),
            created_at INTEGER NOT NULL,
            seen_at INTEGER
        );
        CREATE INDEX point_notices_unseen ON point_notices (engineer_id) WHERE seen_at IS NULL;
        -- One holder at a time for work that several processes could each start (the demo
        -- feeder of every `baton demo` screen on one store). A lease ends when it is not
        -- renewed, so a killed holder cannot keep it. expires_at is in milliseconds.
        CREATE TABLE leases (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """,
        // 11: the outbox (issue 13): each reply's sending state, one row per reply, and what a
        // reply by mail needs from the message it answers. messages.state keeps mirroring the
        // state, so a thread labels it without a join. Replies queued by earlier versions
        // become outbox rows; their clock already stopped when they were queued.
        """
        CREATE TABLE outbox (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sending' OR state = 'sent' OR state = 'failed'
                                       OR state = 'unconfirmed' OR state = 'cancelled'),
            attempts INTEGER NOT NULL DEFAULT 0,
            -- A failed reply with a next try is retried by the next sender after this instant.
            next_try_at INTEGER,
            reason TEXT,
            -- The email Message-ID (made before the first try) or Slack's ts once posted.
            remote_id TEXT,
            -- The sender holding a 'sending' row: "host pid", and since when.
            claimed_by TEXT,
            claimed_at INTEGER,
            sent_at INTEGER,
            -- 1 when the clock stopped for this reply as it was queued (replies before this migration).
            counted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX outbox_due ON outbox (state, next_try_at);
        CREATE INDEX outbox_conversation ON outbox (conversation_id, state);
        INSERT INTO outbox (message_id, conversation_id, state, counted)
            SELECT id, conversation_id, state, 1 FROM messages WHERE state = 'queued' OR state = 'sent';
        -- The answered mail's envelope, as address lists in header form ("Name <a@x>, b@y").
        CREATE TABLE mail_headers (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            mail_from TEXT NOT NULL,
            reply_to TEXT NOT NULL DEFAULT '',
            mail_to TEXT NOT NULL DEFAULT '',
            mail_cc TEXT NOT NULL DEFAULT '',
            message_id_header TEXT,
            -- The References chain, ids without angle brackets, space separated.
            refs TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT ''
        );
        """,
        // 12 (intake): a message's created_at is when baton received it; sent_at keeps what
        // the sender's Date header claimed, for the record only (never the clock).
        """
        ALTER TABLE messages ADD COLUMN sent_at INTEGER;
        """,
        // 13 (intake): each quarantine entry says which kind it is: bytes that are no
        // message, or a message with no place yet (QuarantineKind). Older entries were all
        // of the first kind.
        """
        ALTER TABLE quarantine ADD COLUMN kind TEXT NOT NULL DEFAULT 'not-a-message';
        """,
        // 14 (intake): `baton conv merge` leaves the merged-away conversation as a pointer to
        // the one it joined, so later messages of its thread arrive there.
        """
        ALTER TABLE conversations ADD COLUMN merged_into INTEGER REFERENCES conversations(id);
        """,
        // 15 (intake): Slack channels' and users' ids and names, from exports and events, so
        // live events (ids only) route by the config's channel names and name their authors.
        """
        CREATE TABLE slack_channels (id TEXT PRIMARY KEY, name TEXT NOT NULL, seen_at INTEGER NOT NULL);
        CREATE TABLE slack_users (id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT, is_bot INTEGER NOT NULL DEFAULT 0);
        """,
        // 16 (intake): attachments kept beside the store (STORE-attachments/, by SHA-256),
        // which message holds which, in its order.
        """
        CREATE TABLE attachments (
            message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY (message_id, position)
        );
        """,
        // 17 (issue 12, alerts): every alert raised, once by its key across processes and
        // restarts; who acknowledged it; and which process claimed its notify_command run.
        // Instants in seconds since 1970 (UTC).
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            -- NULL: an escalation in a gap, for whoever holds point next.
            engineer_id TEXT,
            conversation_id INTEGER REFERENCES conversations(id) ON DELETE CASCADE,
            customer_id TEXT,
            subject TEXT NOT NULL DEFAULT '',
            due_at INTEGER,
            text TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            raised_at INTEGER NOT NULL,
            acknowledged_at INTEGER,
            acknowledged_by TEXT,
            notify_claimed_by TEXT,
            notify_claimed_at INTEGER,
            notify_outcome TEXT
        );
        CREATE INDEX alerts_open ON alerts (engineer_id) WHERE acknowledged_at IS NULL;
        """,
        // 18 (metrics, issue 14): an owner change keeps the owner before and after as fields
        // of its event (NULL: nobody), so the metrics count handoffs, reassignments and bounces
        // without reading text. New events fill them as they are written; older ones are read
        // back from their text, which has said "FROM → TO" for every owner change since
        // ownership began (claim "— → ana", handoff "owner ana → dave, point passed at ...").
        // Rows whose text does not have that form keep both NULL and count no owner change.
        """
        ALTER TABLE events ADD COLUMN owner_from TEXT;
        ALTER TABLE events ADD COLUMN owner_to TEXT;
        UPDATE events SET
            owner_from = nullif(substr(detail, 1, instr(detail, ' → ') - 1), '—'),
            owner_to = nullif(substr(detail, instr(detail, ' → ') + 3), '—')
        WHERE kind IN ('claim', 'take', 'assign', 'release') AND instr(detail, ' → ') > 1;
        UPDATE events SET
            owner_from = nullif(substr(detail, 7, instr(detail, ' → ') - 7), '—'),
            owner_to = nullif(substr(substr(detail, instr(detail, ' → ') + 3), 1,
                                     instr(substr(detail, instr(detail, ' → ') + 3), ',') - 1), '—')
        WHERE kind = 'handoff' AND conversation_id IS NOT NULL AND detail LIKE 'owner % → %,%';
        """,
        // 19 (metrics speed, issue 14): the metrics read a period's conversations by when they
        // were opened (not every conversation in the store), and their messages and events from
        // the index alone, never the rows with their bodies and texts. The thread and event
        // indexes keep their names and leading columns, so every other read uses them as before;
        // the columns added are the ones the metrics read (SQLiteStore+Metrics).
        """
        CREATE INDEX conversations_opened ON conversations (created_at) WHERE merged_into IS NULL;
        DROP INDEX messages_thread;
        CREATE INDEX messages_thread ON messages (conversation_id, created_at, id, author_kind, state, author_id);
        DROP INDEX events_conversation;
        CREATE INDEX events_conversation ON events (conversation_id, at, id, kind, actor, owner_from, owner_to);
        """,
    ]

    /// The presence file's one table, created when the file is first opened. One row per
    /// screen process with a conversation open, refreshed about every second and ignored
    /// once older than a few seconds, so a killed process drops out by itself.
    /// heartbeat_at is in milliseconds.
    static let presence = """
        CREATE TABLE IF NOT EXISTS presence (
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            engineer_id TEXT NOT NULL,
            conversation_id INTEGER NOT NULL,
            activity TEXT NOT NULL CHECK (activity IN ('viewing','replying')),
            heartbeat_at INTEGER NOT NULL,
            PRIMARY KEY (host, pid)
        );
        CREATE INDEX IF NOT EXISTS presence_conversation ON presence (conversation_id, heartbeat_at);
        -- One row per open screen (issue 12): its engineer and the last key pressed in it, so
        -- escalation knows who is at the keyboard. Milliseconds.
        CREATE TABLE IF NOT EXISTS screens (
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            engineer_id TEXT NOT NULL,
            last_key_at INTEGER NOT NULL,
            heartbeat_at INTEGER NOT NULL,
            PRIMARY KEY (host, pid)
        );
        """
}
