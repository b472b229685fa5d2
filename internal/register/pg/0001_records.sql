-- The register's records and their digest chain, in one append-only table.
--
-- Each row is one saved decision: its canonical schema-v1 YAML (document,
-- the exact bytes the digest covers) and the columns that queries need. The
-- chain columns (seq, sha256, prev) are those of the folder register's
-- chain.log: prev is the SHA-256 of the previous row's chain line,
-- {"seq":N,"id":"...","sha256":"...","prev":"..."}, so rightsaid can report
-- any row edited, deleted, inserted or reordered in SQL.
CREATE TABLE records (
    seq         bigint      PRIMARY KEY CHECK (seq > 0),
    id          text        NOT NULL UNIQUE CHECK (id ~ '^RA-[0-9]{8}-[0-9]{6}-[0-9a-f]{6,64}$'),
    -- A review supersedes the latest record of its chain: the record must
    -- exist, and no record is superseded twice.
    supersedes  text        UNIQUE REFERENCES records (id),
    person_ref  text        NOT NULL,
    setting     text        NOT NULL,
    unit        text        NOT NULL DEFAULT '',
    kind        text        NOT NULL,
    light       text        NOT NULL,
    verdict     text        NOT NULL,
    recorded_at timestamptz NOT NULL,
    review_due  timestamptz,
    ended       boolean     NOT NULL,
    document    bytea       NOT NULL,
    sha256      text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    -- One row follows each: the chain cannot fork.
    prev        text        NOT NULL UNIQUE CHECK (prev ~ '^[0-9a-f]{64}$'),
    saved_at    timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE records IS 'rightsaid: saved decisions, append-only; verify with rightsaid records verify';
COMMENT ON COLUMN records.document IS 'the canonical schema-v1 YAML of the record: read it with convert_from(document, ''UTF8'')';

-- Reviews due: the open records by review time, across the organisation and
-- by unit.
CREATE INDEX records_due ON records (review_due) WHERE NOT ended;
CREATE INDEX records_unit_due ON records (setting, unit, review_due) WHERE NOT ended;
-- Reports: by time, by service, by kind and by person.
CREATE INDEX records_recorded ON records (recorded_at);
CREATE INDEX records_setting_unit ON records (setting, unit, recorded_at);
CREATE INDEX records_kind ON records (kind, recorded_at);
CREATE INDEX records_person ON records (person_ref);

-- Records are evidence: never updated, deleted or truncated, whoever asks.
-- (A review is a new record that supersedes the old one.) The owner of the
-- table can still disable this trigger; records verify then shows what was
-- done.
CREATE FUNCTION records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rightsaid records are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'a record is never changed or removed: save a review that supersedes it';
END
$$;

CREATE TRIGGER records_no_update_or_delete BEFORE UPDATE OR DELETE ON records
    FOR EACH ROW EXECUTE FUNCTION records_append_only();
CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON records
    FOR EACH STATEMENT EXECUTE FUNCTION records_append_only();

-- No one but the owner gets to change rows, even by a grant given by mistake
-- to everyone.
REVOKE UPDATE, DELETE, TRUNCATE ON records FROM PUBLIC;
