import type { Migration } from './migration';

/**
 * The first schema: every table of ARCHITECTURE §3. Times are Unix milliseconds (INTEGER);
 * JSON columns are TEXT parsed with zod by the repository that reads them; Telegram ids that
 * can exceed 2^53 (peer ids, access hashes, random ids) are stored as decimal TEXT.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,               -- JSON
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE scripts (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL,
        body           TEXT NOT NULL,           -- JSON in the versioned script format
        format_version INTEGER NOT NULL,
        revision       INTEGER NOT NULL DEFAULT 1,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL,
        archived_at    INTEGER
      ) STRICT;

      CREATE TABLE accounts (
        id               INTEGER PRIMARY KEY,
        kind             TEXT NOT NULL DEFAULT 'telegram' CHECK (kind IN ('telegram', 'sandbox')),
        phone            TEXT,
        telegram_user_id TEXT UNIQUE,
        username         TEXT,
        display_name     TEXT,
        status           TEXT NOT NULL DEFAULT 'needs_login'
                         CHECK (status IN ('needs_login', 'connecting', 'online', 'offline',
                                           'flood_limited', 'banned', 'disabled')),
        status_reason    TEXT,
        flood_until      INTEGER,
        api_id           INTEGER,
        api_hash_enc     BLOB,                  -- encrypted at rest
        session_enc      BLOB,                  -- encrypted StringSession
        proxy            TEXT,                  -- JSON
        human            TEXT NOT NULL DEFAULT '{}', -- JSON: typing speed, delays, caps
        script_id        INTEGER REFERENCES scripts(id) ON DELETE SET NULL,
        enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        pts              INTEGER,               -- update state for getDifference catch-up
        qts              INTEGER,
        update_date      INTEGER,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE leads (
        id               INTEGER PRIMARY KEY,
        account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        peer_id          TEXT NOT NULL,
        access_hash      TEXT,
        first_name       TEXT,
        last_name        TEXT,
        username         TEXT,
        status           TEXT NOT NULL DEFAULT 'auto'
                         CHECK (status IN ('auto', 'waiting', 'manual', 'paused', 'stopped', 'finished')),
        status_reason    TEXT,
        script_id        INTEGER REFERENCES scripts(id) ON DELETE SET NULL,
        flow_id          TEXT,
        step_id          TEXT,
        step_state       TEXT NOT NULL DEFAULT '{}', -- JSON, owned by the current step's executor
        state_version    INTEGER NOT NULL DEFAULT 1,
        fields           TEXT NOT NULL DEFAULT '{}', -- JSON: custom fields
        tracker          TEXT NOT NULL DEFAULT '{}', -- JSON: click id, subs, campaign...
        variables        TEXT NOT NULL DEFAULT '{}', -- JSON
        unread           INTEGER NOT NULL DEFAULT 0,
        last_message_at  INTEGER,
        last_preview     TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        UNIQUE (account_id, peer_id)
      ) STRICT;
      CREATE INDEX leads_inbox ON leads (last_message_at DESC);
      CREATE INDEX leads_status ON leads (status, last_message_at DESC);
      CREATE INDEX leads_position ON leads (script_id, flow_id, step_id);

      -- Tags in their own table so the inbox can filter 100k chats by tag through an index.
      CREATE TABLE lead_tags (
        lead_id INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        tag     TEXT NOT NULL,
        PRIMARY KEY (lead_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX lead_tags_by_tag ON lead_tags (tag, lead_id);

      CREATE TABLE messages (
        id          INTEGER PRIMARY KEY,
        lead_id     INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        sender      TEXT NOT NULL CHECK (sender IN ('lead', 'bot', 'operator')),
        telegram_id INTEGER,
        text        TEXT NOT NULL DEFAULT '',
        media       TEXT,                       -- JSON: kind, local path, size
        status      TEXT NOT NULL
                    CHECK (status IN ('received', 'queued', 'sending', 'sent', 'read', 'failed', 'cancelled')),
        ts          INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_lead ON messages (lead_id, ts);
      -- An incoming message seen twice (live update and getDifference) is stored once.
      CREATE UNIQUE INDEX messages_incoming_once ON messages (lead_id, telegram_id)
        WHERE direction = 'in' AND telegram_id IS NOT NULL;

      CREATE TABLE outbox (
        id               INTEGER PRIMARY KEY,
        lead_id          INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id       INTEGER REFERENCES messages(id) ON DELETE SET NULL,
        random_id        TEXT NOT NULL UNIQUE,  -- 64-bit, generated before the first attempt
        payload          TEXT NOT NULL,         -- JSON: text, media, typing time
        not_before       INTEGER NOT NULL,
        attempts         INTEGER NOT NULL DEFAULT 0,
        status           TEXT NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
        last_error       TEXT,
        sent_telegram_id INTEGER,
        created_at       INTEGER NOT NULL,
        sent_at          INTEGER
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (account_id, status, not_before);

      CREATE TABLE jobs (
        id         INTEGER PRIMARY KEY,
        lead_id    INTEGER REFERENCES leads(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL,
        key        TEXT UNIQUE,                 -- optional: at most one live job per key (debounce)
        due_at     INTEGER NOT NULL,
        payload    TEXT NOT NULL DEFAULT '{}',  -- JSON
        attempts   INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jobs_due ON jobs (due_at);
      CREATE INDEX jobs_by_lead ON jobs (lead_id, kind);

      CREATE TABLE events (
        id         INTEGER PRIMARY KEY,
        lead_id    INTEGER REFERENCES leads(id) ON DELETE CASCADE,
        account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL DEFAULT '{}',  -- JSON
        ts         INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX events_by_lead ON events (lead_id, ts);
      CREATE INDEX events_by_type ON events (type, ts);

      CREATE TABLE ab_assignments (
        script_id INTEGER NOT NULL REFERENCES scripts(id) ON DELETE CASCADE,
        router_id TEXT NOT NULL,                -- step id of the A/B router
        lead_id   INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        variant   TEXT NOT NULL,
        ts        INTEGER NOT NULL,
        PRIMARY KEY (script_id, router_id, lead_id)
      ) STRICT;
      CREATE INDEX ab_by_variant ON ab_assignments (script_id, router_id, variant);

      CREATE TABLE postbacks (
        id             INTEGER PRIMARY KEY,
        received_at    INTEGER NOT NULL,
        preset         TEXT,
        method         TEXT NOT NULL,
        remote_ip      TEXT,
        raw            TEXT NOT NULL,           -- JSON: query, body
        click_id       TEXT,
        event          TEXT,
        transaction_id TEXT,
        dedupe_key     TEXT UNIQUE,
        lead_id        INTEGER REFERENCES leads(id) ON DELETE SET NULL,
        parsed         TEXT,                    -- JSON
        outcome        TEXT NOT NULL
                       CHECK (outcome IN ('received', 'applied', 'duplicate', 'pending', 'rejected', 'error')),
        error          TEXT
      ) STRICT;
      CREATE INDEX postbacks_by_time ON postbacks (received_at);
      CREATE INDEX postbacks_pending ON postbacks (click_id) WHERE outcome = 'pending';
    `);
  },
};
